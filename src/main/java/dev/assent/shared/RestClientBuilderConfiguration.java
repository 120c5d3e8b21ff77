package dev.assent.shared;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.client.RestClient;

/**
 * A {@link RestClient.Builder} for adapters that take one: Boot 4 auto-configures it only with its
 * {@code spring-boot-restclient} module, which this build does not have. Prototype, as Boot's is.
 */
@Configuration(proxyBeanMethods = false)
class RestClientBuilderConfiguration {

	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	RestClient.Builder restClientBuilder() {
		return RestClient.builder();
	}

}
