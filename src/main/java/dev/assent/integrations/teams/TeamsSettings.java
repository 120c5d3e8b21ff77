package dev.assent.integrations.teams;

import java.net.URI;
import java.time.Duration;

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
 */
@ConfigurationProperties("assent.providers.teams")
record TeamsSettings(@DefaultValue("https://graph.microsoft.com/v1.0") URI apiUrl,
		@DefaultValue("https://login.microsoftonline.com") URI oauthUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, @DefaultValue("true") boolean enabled,
		@DefaultValue("70h") Duration subscriptionLifetime) {
}
