package dev.assent.integrations.webex;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Webex is and how long to wait for it.
 *
 * @param apiUrl the Webex REST API ({@code ASSENT_PROVIDERS_WEBEX_API_URL})
 * @param oauthUrl where {@code /access_token} is ({@code ASSENT_PROVIDERS_WEBEX_OAUTH_URL})
 * @param enabled whether the Webex integration is offered at all
 * @param clientId the deployment's Webex integration (OAuth app) with which a tech admin connects by signing in at
 * Webex ({@code ASSENT_PROVIDERS_WEBEX_CLIENT_ID}); without it Webex connects with credentials typed in
 * @param clientSecret that integration's secret ({@code ASSENT_PROVIDERS_WEBEX_CLIENT_SECRET})
 * @param scopes the scopes asked for when a tech admin grants access
 */
@ConfigurationProperties("assent.providers.webex")
record WebexSettings(@DefaultValue("https://webexapis.com/v1") URI apiUrl,
		@DefaultValue("https://webexapis.com/v1") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled, @Nullable String clientId,
		@Nullable String clientSecret, @DefaultValue({ "spark:people_read", "meeting:schedules_read",
				"meeting:schedules_write", "meeting:preferences_read", "meeting:participants_read" }) List<String> scopes) {
}
