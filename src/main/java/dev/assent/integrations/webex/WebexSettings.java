package dev.assent.integrations.webex;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Webex is and how long to wait for it.
 *
 * @param apiUrl the Webex REST API ({@code ASSENT_PROVIDERS_WEBEX_API_URL})
 * @param oauthUrl where {@code /access_token} is ({@code ASSENT_PROVIDERS_WEBEX_OAUTH_URL})
 * @param enabled whether the Webex integration is offered at all
 */
@ConfigurationProperties("assent.providers.webex")
record WebexSettings(@DefaultValue("https://webexapis.com/v1") URI apiUrl,
		@DefaultValue("https://webexapis.com/v1") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled) {
}
