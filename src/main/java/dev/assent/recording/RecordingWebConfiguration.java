package dev.assent.recording;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class RecordingWebConfiguration implements WebMvcConfigurer {

	private final SkippedCalls recordings;

	RecordingWebConfiguration(SkippedCalls recordings) {
		this.recordings = recordings;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ConversationsInterceptor(recordings)).addPathPatterns("/admin", "/admin/me");
	}

}
