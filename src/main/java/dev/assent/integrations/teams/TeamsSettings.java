package dev.assent.integrations.teams;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Microsoft Graph and the Microsoft identity platform are, and how long to wait for them.
 *
 * @param apiUrl Microsoft Graph ({@code ASSENT_PROVIDERS_TEAMS_API_URL})
 * @param oauthUrl the identity platform; tokens come from {@code {oauth-url}/{tenant}/oauth2/v2.0/token}
 * ({@code ASSENT_PROVIDERS_TEAMS_OAUTH_URL})
 * @param subscriptionLifetime how long a change-notification subscription is asked for (Graph allows
 * at most three days for meeting call events)
 * @param enabled whether the Teams integration is offered at all
 * @param clientId the deployment's multi-tenant Entra app registration with which a tech admin connects by signing in
 * at Microsoft ({@code ASSENT_PROVIDERS_TEAMS_CLIENT_ID}, delegated permissions); without it Teams connects with an app
 * registration's client credentials typed in
 * @param clientSecret that app's client secret ({@code ASSENT_PROVIDERS_TEAMS_CLIENT_SECRET})
 * @param tenant the tenant segment of the grant's URLs ({@code {oauth-url}/{tenant}/oauth2/v2.0/authorize|token}):
 * {@code organizations} (any work or school account), or one tenant's id
 * @param scopes the scopes asked for when a tech admin grants access ({@code offline_access} brings the refresh token)
 */
@ConfigurationProperties("assent.providers.teams")
record TeamsSettings(@DefaultValue("https://graph.microsoft.com/v1.0") URI apiUrl,
		@DefaultValue("https://login.microsoftonline.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled,
		@DefaultValue("70h") Duration subscriptionLifetime, @Nullable String clientId, @Nullable String clientSecret,
		@DefaultValue("organizations") String tenant,
		@DefaultValue({ "offline_access", "User.Read", "OnlineMeetings.ReadWrite" }) List<String> scopes) {
}
