package dev.assent.integrations.zoom;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Zoom is and how long to wait for it.
 *
 * @param apiUrl Zoom's REST API ({@code ASSENT_PROVIDERS_ZOOM_API_URL})
 * @param oauthUrl where {@code /oauth/token} is ({@code ASSENT_PROVIDERS_ZOOM_OAUTH_URL})
 * @param dialInListUrl Zoom's page with all its dial-in numbers, the invite's "more numbers" link
 * @param enabled whether the Zoom integration is offered at all
 * @param clientId the deployment's Zoom OAuth app (user-managed or admin-managed, authorization code) with which a
 * tech admin connects by signing in at Zoom ({@code ASSENT_PROVIDERS_ZOOM_CLIENT_ID}); without it only
 * Server-to-Server credentials connect Zoom
 * @param clientSecret that app's secret ({@code ASSENT_PROVIDERS_ZOOM_CLIENT_SECRET})
 * @param scopes the scopes asked for when a tech admin grants access
 * @param webhookSecretToken the secret token of that OAuth app's event subscriptions
 * ({@code ASSENT_PROVIDERS_ZOOM_WEBHOOK_SECRET_TOKEN}): Zoom signs the events of every account that granted access
 * with it, so it checks the webhooks of companies connected by a grant (those connected with Server-to-Server
 * credentials give their own app's token)
 */
@ConfigurationProperties("assent.providers.zoom")
record ZoomSettings(@DefaultValue("https://api.zoom.us/v2") URI apiUrl, @DefaultValue("https://zoom.us") URI oauthUrl,
		@DefaultValue("https://zoom.us/zoomconference") String dialInListUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled,
		@DefaultValue("5m") Duration webhookTolerance, @Nullable String clientId, @Nullable String clientSecret,
		@DefaultValue({ "user:read:admin", "meeting:write:admin" }) List<String> scopes, @Nullable String webhookSecretToken) {
}
