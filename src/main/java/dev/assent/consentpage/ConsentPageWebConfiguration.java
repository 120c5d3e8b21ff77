package dev.assent.consentpage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ConsentPageWebConfiguration {

	@Bean
	FilterRegistrationBean<ConsentPageFilter> consentPageFilter(PageCache cache, PageResponder responder, DecisionDesk desk) {
		var registration = new FilterRegistrationBean<>(new ConsentPageFilter(cache, responder, desk));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
