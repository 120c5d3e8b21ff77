package dev.assent.integrations.gotomeeting;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where GoToMeeting and GoTo's token endpoint are, and how long to wait for them.
 *
 * @param apiUrl the GoToMeeting REST API ({@code ASSENT_PROVIDERS_GOTOMEETING_API_URL})
 * @param oauthUrl where {@code /oauth/token} is ({@code ASSENT_PROVIDERS_GOTOMEETING_OAUTH_URL})
 * @param enabled whether the GoToMeeting integration is offered at all
 * @param clientId the deployment's GoTo OAuth client with which a tech admin connects by signing in at GoTo
 * ({@code ASSENT_PROVIDERS_GOTOMEETING_CLIENT_ID}; authorization at {@code {oauth-url}/oauth/authorize}); without it
 * GoToMeeting connects with a refresh token typed in
 * @param clientSecret that client's secret ({@code ASSENT_PROVIDERS_GOTOMEETING_CLIENT_SECRET})
 * @param scopes the scopes asked for when a tech admin grants access; none by default (GoTo grants the scopes the
 * OAuth client was created with)
 */
@ConfigurationProperties("assent.providers.gotomeeting")
record GoToMeetingSettings(@DefaultValue("https://api.getgo.com/G2M/rest") URI apiUrl,
		@DefaultValue("https://authentication.logmeininc.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled, @Nullable String clientId,
		@Nullable String clientSecret, @Nullable List<String> scopes) {
}
