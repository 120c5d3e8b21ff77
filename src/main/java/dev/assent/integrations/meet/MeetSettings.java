package dev.assent.integrations.meet;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Google Calendar and Google's token endpoint are, and how long to wait for them.
 *
 * @param apiUrl the Calendar API ({@code ASSENT_PROVIDERS_MEET_API_URL})
 * @param oauthUrl where {@code /token} is ({@code ASSENT_PROVIDERS_MEET_OAUTH_URL})
 * @param enabled whether the Google Meet integration is offered at all
 */
@ConfigurationProperties("assent.providers.meet")
record MeetSettings(@DefaultValue("https://www.googleapis.com/calendar/v3") URI apiUrl,
		@DefaultValue("https://oauth2.googleapis.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled) {
}
