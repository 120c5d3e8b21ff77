package dev.assent.consentpage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ConsentPageWebConfiguration {

	@Bean
	FilterRegistrationBean<ConsentPageFilter> consentPageFilter(PageCache cache, PageResponder responder, DecisionDesk desk,
			io.micrometer.core.instrument.MeterRegistry meters) {
		var registration = new FilterRegistrationBean<>(new ConsentPageFilter(cache, responder, desk, meters));
		// Ahead of the request observation too: on the spike path it cost as much as the page itself.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
