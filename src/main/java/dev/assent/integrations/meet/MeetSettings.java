package dev.assent.integrations.meet;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Google Calendar and Google's token endpoint are, and how long to wait for them.
 *
 * @param apiUrl the Calendar API ({@code ASSENT_PROVIDERS_MEET_API_URL})
 * @param oauthUrl where {@code /token} is ({@code ASSENT_PROVIDERS_MEET_OAUTH_URL})
 * @param enabled whether the Google Meet integration is offered at all
 * @param authorizationUrl where a tech admin grants access ({@code ASSENT_PROVIDERS_MEET_AUTHORIZATION_URL});
 * the code is exchanged at {@code {oauth-url}/token}
 * @param clientId the deployment's Google OAuth client (type web application) with which a tech admin connects by
 * signing in at Google ({@code ASSENT_PROVIDERS_MEET_CLIENT_ID}); without it Google Meet connects with a refresh token
 * typed in
 * @param clientSecret that client's secret ({@code ASSENT_PROVIDERS_MEET_CLIENT_SECRET})
 * @param scopes the scopes asked for when a tech admin grants access
 */
@ConfigurationProperties("assent.providers.meet")
record MeetSettings(@DefaultValue("https://www.googleapis.com/calendar/v3") URI apiUrl,
		@DefaultValue("https://oauth2.googleapis.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled,
		@DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") URI authorizationUrl, @Nullable String clientId,
		@Nullable String clientSecret,
		@DefaultValue("https://www.googleapis.com/auth/calendar.events") List<String> scopes) {
}
