package dev.assent.integrations;

import java.util.List;

/**
 * The OAuth 2.0 app a deployment registered with a provider so that a company's tech admin can
 * grant Assent access by signing in there (authorization-code grant), from
 * {@code assent.providers.<provider>.client-id}, {@code …client-secret} and {@code …oauth-url}.
 *
 * @param authorizationUri where the admin's browser is sent to grant access
 * @param tokenUri where the code is exchanged and the access token refreshed
 * @param secretInBody whether the client secret goes in the form body ({@code client_secret_post})
 * instead of HTTP Basic
 */
public record UserGrantApp(String clientId, String clientSecret, String authorizationUri, String tokenUri,
		List<String> scopes, boolean secretInBody) {

	/** The app, or {@code null} when no client id is set (the user grant is then not offered). */
	public static @org.jspecify.annotations.Nullable UserGrantApp of(@org.jspecify.annotations.Nullable String clientId,
			@org.jspecify.annotations.Nullable String clientSecret, String authorizationUri, String tokenUri,
			List<String> scopes, boolean secretInBody) {
		if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
			return null;
		}
		return new UserGrantApp(clientId.strip(), clientSecret.strip(), authorizationUri, tokenUri, scopes, secretInBody);
	}

}
