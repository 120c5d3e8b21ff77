package dev.assent.integrations;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth 2.0 app a deployment registered with a provider so that a company's tech admin can
 * grant Assent access by signing in there (authorization-code grant), from
 * {@code assent.providers.<provider>.client-id}, {@code …client-secret} and {@code …oauth-url}.
 *
 * @param authorizationUri where the admin's browser is sent to grant access
 * @param tokenUri where the code is exchanged and the access token refreshed
 * @param secretInBody whether the client secret goes in the form body ({@code client_secret_post})
 * instead of HTTP Basic
 * @param authorizationParameters what the provider wants besides the standard parameters on the
 * authorization request (Google: {@code access_type=offline} and {@code prompt=consent}, without
 * which it hands out no refresh token)
 * @param refreshWithScopes whether a refresh names the scopes again (the Microsoft identity platform
 * wants them)
 */
public record UserGrantApp(String clientId, String clientSecret, String authorizationUri, String tokenUri,
		List<String> scopes, boolean secretInBody, Map<String, String> authorizationParameters, boolean refreshWithScopes) {

	/** The app, or {@code null} when no client id is set (the user grant is then not offered). */
	public static @Nullable UserGrantApp of(@Nullable String clientId, @Nullable String clientSecret, String authorizationUri,
			String tokenUri, List<String> scopes, boolean secretInBody) {
		return of(clientId, clientSecret, authorizationUri, tokenUri, scopes, secretInBody, Map.of(), false);
	}

	/** The app with the provider's own authorization parameters, or {@code null} when no client id is set. */
	public static @Nullable UserGrantApp of(@Nullable String clientId, @Nullable String clientSecret, String authorizationUri,
			String tokenUri, List<String> scopes, boolean secretInBody, Map<String, String> authorizationParameters,
			boolean refreshWithScopes) {
		if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
			return null;
		}
		return new UserGrantApp(clientId.strip(), clientSecret.strip(), authorizationUri, tokenUri, scopes, secretInBody,
				Map.copyOf(authorizationParameters), refreshWithScopes);
	}

}
