package dev.assent.integrations.zoom;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Zoom is and how long to wait for it.
 *
 * @param apiUrl Zoom's REST API ({@code ASSENT_PROVIDERS_ZOOM_API_URL})
 * @param oauthUrl where {@code /oauth/token} is ({@code ASSENT_PROVIDERS_ZOOM_OAUTH_URL})
 * @param dialInListUrl Zoom's page with all its dial-in numbers, the invite's "more numbers" link
 * @param enabled whether the Zoom integration is offered at all
 */
@ConfigurationProperties("assent.providers.zoom")
record ZoomSettings(@DefaultValue("https://api.zoom.us/v2") URI apiUrl, @DefaultValue("https://zoom.us") URI oauthUrl,
		@DefaultValue("https://zoom.us/zoomconference") String dialInListUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled,
		@DefaultValue("5m") Duration webhookTolerance) {
}
