package dev.assent.integrations.gotomeeting;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where GoToMeeting and GoTo's token endpoint are, and how long to wait for them.
 *
 * @param apiUrl the GoToMeeting REST API ({@code ASSENT_PROVIDERS_GOTOMEETING_API_URL})
 * @param oauthUrl where {@code /oauth/token} is ({@code ASSENT_PROVIDERS_GOTOMEETING_OAUTH_URL})
 * @param enabled whether the GoToMeeting integration is offered at all
 */
@ConfigurationProperties("assent.providers.gotomeeting")
record GoToMeetingSettings(@DefaultValue("https://api.getgo.com/G2M/rest") URI apiUrl,
		@DefaultValue("https://authentication.logmeininc.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled) {
}
