package dev.assent.integrations;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.BaseUrl;

/**
 * Integrations a tech admin connects by granting Assent access at the provider ("Connect with
 * Zoom"): Spring Security's OAuth 2.0 client runs the authorization-code grant under
 * {@code /admin/integrations/oauth2/**} ({@link GrantSecurity}: state checked against the admin's
 * session, PKCE), one client registration per provider whose {@link UserGrantApp} is configured.
 * The granted access and refresh tokens are kept encrypted on the company's connection. An access
 * token about to expire (or refused with 401) is refreshed with the refresh token, once across
 * nodes (the connection row is locked meanwhile, as providers rotate refresh tokens); a refresh the
 * provider refuses (400 {@code invalid_grant} and the like, or 401) disconnects the integration
 * ({@link IntegrationDisconnected}).
 */
@Component
public class UserGrants {

	/** Where the grant starts: {@code /admin/integrations/oauth2/authorize/{registrationId}}. */
	public static final String AUTHORIZE_PATH = "/admin/integrations/oauth2/authorize";

	/** Where the provider sends the admin back: {@code /admin/integrations/oauth2/callback/{registrationId}}. */
	public static final String CALLBACK_PATH = "/admin/integrations/oauth2/callback";

	/** Session attributes with the outcome of the last grant, for the page the admin lands on. */
	public static final String OUTCOME_CONNECTED = UserGrants.class.getName() + ".connected";

	public static final String OUTCOME_ERROR = UserGrants.class.getName() + ".error";

	static final String GRANT = "grant";

	static final String USER = "user";

	static final String ACCESS_TOKEN = "grantAccessToken";

	static final String REFRESH_TOKEN = "grantRefreshToken";

	static final String ISSUED_AT = "grantIssuedAt";

	static final String EXPIRES_AT = "grantExpiresAt";

	static final String SCOPES = "grantScopes";

	private static final Duration EARLY = Duration.ofMinutes(1);

	/** OAuth errors of a refused refresh: the grant is gone (RFC 6749 §5.2). */
	private static final Set<String> REFUSALS = Set.of("invalid_grant", "invalid_client", "unauthorized_client",
			"invalid_request", "invalid_scope", "access_denied");

	private final ObjectProvider<ProviderConnector> connectors;

	private final IntegrationManagement integrations;

	private final Connections connections;

	private final SecretBox secrets;

	private final JsonMapper json;

	private final BaseUrl baseUrl;

	private final Clock clock;

	private final TransactionTemplate separately;

	private final RestClient tokenEndpoint;

	private final RestClientRefreshTokenTokenResponseClient refreshClient = new RestClientRefreshTokenTokenResponseClient();

	private final AccessTokens tokens;

	UserGrants(ObjectProvider<ProviderConnector> connectors, IntegrationManagement integrations, Connections connections,
			SecretBox secrets, JsonMapper json, BaseUrl baseUrl, Clock clock, PlatformTransactionManager transactions,
			AccessTokens tokens) {
		this.tokens = tokens;
		this.connectors = connectors;
		this.integrations = integrations;
		this.connections = connections;
		this.secrets = secrets;
		this.json = json;
		this.baseUrl = baseUrl;
		this.clock = clock;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.tokenEndpoint = tokenEndpointClient();
		this.refreshClient.setRestClient(tokenEndpoint);
	}

	/**
	 * The client of providers' token endpoints: Spring Security's token response reading and OAuth
	 * error handling, over HTTP/1.1 (no cleartext HTTP/2 upgrade of a form POST). Providers that
	 * leave out {@code token_type} (Webex) hand out bearer tokens.
	 */
	static RestClient tokenEndpointClient() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
		factory.setReadTimeout(Duration.ofSeconds(30));
		DefaultMapOAuth2AccessTokenResponseConverter standard = new DefaultMapOAuth2AccessTokenResponseConverter();
		OAuth2AccessTokenResponseHttpMessageConverter tokens = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokens.setAccessTokenResponseConverter(parameters -> {
			Map<String, Object> p = parameters;
			if (!p.containsKey("token_type")) {
				p = new HashMap<>(p);
				p.put("token_type", "Bearer");
			}
			return standard.convert(p);
		});
		return RestClient.builder()
			.requestFactory(factory)
			.messageConverters(c -> {
				c.clear();
				c.add(new FormHttpMessageConverter());
				c.add(tokens);
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	RestClient tokenEndpoint() {
		return tokenEndpoint;
	}

	/** The registration id of a provider in URLs, e.g. {@code zoom}, {@code microsoft-teams}. */
	public static String registrationId(Provider provider) {
		return provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	Optional<Provider> provider(String registrationId) {
		for (Provider p : Provider.values()) {
			if (registrationId(p).equals(registrationId)) {
				return Optional.of(p);
			}
		}
		return Optional.empty();
	}

	/** The deployment's app of a provider whose user grant is configured. */
	Optional<UserGrantApp> app(String registrationId) {
		return provider(registrationId).flatMap(p -> connectors.orderedStream()
			.filter(c -> c.provider() == p)
			.findFirst()
			.flatMap(ProviderConnector::userGrantApp));
	}

	/** The client registration of a provider whose user grant is configured, redirecting back to this deployment. */
	public Optional<ClientRegistration> registration(String registrationId) {
		return provider(registrationId).flatMap(p -> app(registrationId)
			.map(app -> ClientRegistration.withRegistrationId(registrationId)
				.clientName(p.displayName())
				.clientId(app.clientId())
				.clientSecret(app.clientSecret())
				.clientAuthenticationMethod(app.secretInBody() ? ClientAuthenticationMethod.CLIENT_SECRET_POST
						: ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(baseUrl.with(CALLBACK_PATH + "/" + registrationId))
				.authorizationUri(app.authorizationUri())
				.tokenUri(app.tokenUri())
				.scope(app.scopes())
				.build()));
	}

	/** Whether a connection's credentials are a tech admin's grant (not credentials typed in). */
	public static boolean isUserGrant(Map<String, String> credentials) {
		return USER.equals(credentials.get(GRANT));
	}

	/** What is stored for a grant: the tokens and when the access token expires. */
	static Map<String, String> stored(OAuth2AccessToken access, @Nullable OAuth2RefreshToken refresh, Instant now) {
		Map<String, String> grant = new LinkedHashMap<>();
		grant.put(GRANT, USER);
		grant.put(ACCESS_TOKEN, access.getTokenValue());
		// the lifetime the provider gave (expires_in), counted from Assent's clock
		Duration lifetime = access.getIssuedAt() != null && access.getExpiresAt() != null
				? Duration.between(access.getIssuedAt(), access.getExpiresAt()) : Duration.ofHours(1);
		grant.put(ISSUED_AT, now.toString());
		grant.put(EXPIRES_AT, now.plus(lifetime).toString());
		if (refresh != null) {
			grant.put(REFRESH_TOKEN, refresh.getTokenValue());
		}
		grant.put(SCOPES, String.join(" ", access.getScopes()));
		return grant;
	}

	/**
	 * A valid access token of the company's granted integration: the stored one, or a refreshed
	 * one when it expires within a minute or {@code fresh} (the provider just answered 401 to it).
	 * @throws ProviderUnavailable when it is not connected, the provider refused the refresh (the
	 * integration is then disconnected) or the token endpoint failed
	 */
	public String accessToken(UUID companyId, Provider provider, boolean fresh) {
		Map<String, String> seen = integrations.credentials(companyId, provider)
			.filter(UserGrants::isUserGrant)
			.orElseThrow(() -> new ProviderUnavailable(provider, provider.displayName() + " is not connected."));
		if (!fresh && !expiring(seen)) {
			return seen.get(ACCESS_TOKEN);
		}
		Refreshed result = separately.execute(tx -> refresh(companyId, provider, seen.get(ACCESS_TOKEN)));
		if (result == null || result.token() == null) {
			throw new ProviderUnavailable(provider, result == null ? provider.displayName() + " is not connected." : result.problem());
		}
		return result.token();
	}

	/**
	 * The {@code Authorization} header of a request to the provider: the granted access token when
	 * the connection is a tech admin's grant, else the token {@code fetch} obtains with the
	 * credentials typed in (held in memory until it is about to expire, or {@code fresh}).
	 */
	public String bearer(UUID companyId, Provider provider, Map<String, String> credentials, boolean fresh,
			Supplier<AccessTokens.Token> fetch) {
		if (isUserGrant(credentials)) {
			return "Bearer " + accessToken(companyId, provider, fresh);
		}
		return "Bearer " + tokens.get(companyId, provider, fresh, fetch);
	}

	private record Refreshed(@Nullable String token, String problem) {
	}

	private Refreshed refresh(UUID companyId, Provider provider, String used) {
		Optional<String> sealed = connections.lockSecrets(companyId, provider);
		if (sealed.isEmpty()) {
			return new Refreshed(null, provider.displayName() + " is not connected.");
		}
		Map<String, String> current = json.readValue(secrets.open(sealed.get()), new TypeReference<Map<String, String>>() {
		});
		if (!isUserGrant(current)) {
			return new Refreshed(null, provider.displayName() + " is not connected by a grant any more.");
		}
		if (!current.get(ACCESS_TOKEN).equals(used) && !expiring(current)) {
			return new Refreshed(current.get(ACCESS_TOKEN), ""); // refreshed meanwhile (another thread or node)
		}
		String refreshToken = current.get(REFRESH_TOKEN);
		String registrationId = registrationId(provider);
		Optional<ClientRegistration> registration = registration(registrationId);
		if (registration.isEmpty()) {
			return new Refreshed(null, provider.displayName() + "'s access expired and this deployment has no "
					+ provider.displayName() + " app configured any more (assent.providers." + registrationId + ".client-id).");
		}
		if (refreshToken == null || refreshToken.isBlank()) {
			String reason = provider.displayName() + "'s access expired and the grant has no refresh token. Connect "
					+ provider.displayName() + " again.";
			integrations.markDisconnected(companyId, provider, reason);
			return new Refreshed(null, reason);
		}
		Instant issued = Instant.parse(current.get(ISSUED_AT));
		Instant expires = Instant.parse(current.get(EXPIRES_AT));
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, current.get(ACCESS_TOKEN),
				issued, expires.isAfter(issued) ? expires : issued.plusSeconds(1));
		OAuth2AccessTokenResponse response;
		try {
			boolean withScopes = app(registrationId).map(UserGrantApp::refreshWithScopes).orElse(false);
			response = refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration.get(), access,
					new OAuth2RefreshToken(refreshToken, null), withScopes ? registration.get().getScopes() : Set.of()));
		}
		catch (OAuth2AuthorizationException ex) {
			if (refused(ex)) {
				String reason = provider.displayName() + " refused to renew Assent's access (" + ex.getError().getErrorCode()
						+ "): the grant was revoked or has expired. Connect " + provider.displayName() + " again.";
				integrations.markDisconnected(companyId, provider, reason);
				return new Refreshed(null, reason);
			}
			return new Refreshed(null, provider.displayName() + "'s token endpoint did not renew the access token ("
					+ ex.getMessage() + "); try again.");
		}
		OAuth2RefreshToken rotated = response.getRefreshToken() != null ? response.getRefreshToken()
				: new OAuth2RefreshToken(refreshToken, null);
		Map<String, String> renewed = stored(response.getAccessToken(), rotated, Instant.now(clock));
		integrations.updateCredentials(companyId, provider, renewed);
		return new Refreshed(response.getAccessToken().getTokenValue(), "");
	}

	private boolean expiring(Map<String, String> grant) {
		return !Instant.now(clock).isBefore(Instant.parse(grant.get(EXPIRES_AT)).minus(EARLY));
	}

	/** 400 with an OAuth error that says the grant is unusable, or 401/403 from the token endpoint. */
	private static boolean refused(OAuth2AuthorizationException ex) {
		if (REFUSALS.contains(ex.getError().getErrorCode())) {
			return true;
		}
		return ex.getCause() instanceof HttpClientErrorException http
				&& (http.getStatusCode().value() == 401 || http.getStatusCode().value() == 403);
	}

}
