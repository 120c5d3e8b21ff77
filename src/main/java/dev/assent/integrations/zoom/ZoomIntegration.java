package dev.assent.integrations.zoom;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderCapability;
import dev.assent.calls.spi.NoDialIn;
import dev.assent.calls.spi.ProviderMeeting;
import dev.assent.calls.spi.ProviderMeetingRequest;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.integrations.AccessTokens;
import dev.assent.integrations.IntegrationManagement;
import dev.assent.integrations.ProviderCalls;
import dev.assent.integrations.ProviderConnector;
import dev.assent.integrations.UserGrantApp;
import dev.assent.integrations.UserGrants;
import dev.assent.shared.InvalidInput;

/**
 * Zoom through its REST API with Server-to-Server OAuth: {@code POST {oauth-url}/oauth/token?
 * grant_type=account_credentials&account_id=…} with the app's client id and secret (HTTP Basic)
 * gives an hour's access token; {@code GET /users/{email}} has the member's
 * {@code personal_meeting_url}; {@code POST /users/{email}/meetings} creates a meeting and answers
 * its {@code join_url} and {@code settings.global_dial_in_numbers}.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.zoom", name = "enabled", havingValue = "true", matchIfMissing = true)
class ZoomIntegration implements ProviderConnector {

	static final String ACCOUNT_ID = "accountId";

	static final String CLIENT_ID = "clientId";

	static final String CLIENT_SECRET = "clientSecret";

	/** The app's webhook secret token (Zoom signs its event notifications with it); optional. */
	static final String WEBHOOK_SECRET = "webhookSecretToken";

	private static final DateTimeFormatterHolder TIMES = new DateTimeFormatterHolder();

	private final ZoomSettings settings;

	private final IntegrationManagement integrations;

	private final ProviderCalls calls;

	private final RestClient api;

	private final RestClient oauth;

	private final UserGrants grants;

	ZoomIntegration(ZoomSettings settings, IntegrationManagement integrations, ProviderCalls calls,
			UserGrants grants) {
		RestClient.Builder builder = RestClient.builder();
		this.grants = grants;
		this.settings = settings;
		this.integrations = integrations;
		this.calls = calls;
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
			// no cleartext HTTP/2 upgrade (h2c) of requests with a body
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.build());
		factory.setReadTimeout(settings.readTimeout());
		this.api = builder.clone().requestFactory(factory).baseUrl(settings.apiUrl().toString()).build();
		this.oauth = builder.clone().requestFactory(factory).baseUrl(settings.oauthUrl().toString()).build();
	}

	@Override
	public Provider provider() {
		return Provider.ZOOM;
	}

	@Override
	public Set<ProviderCapability> capabilities() {
		return EnumSet.of(ProviderCapability.OPT_OUT, ProviderCapability.PERSONAL_LINK,
				ProviderCapability.DYNAMIC_MEETINGS, ProviderCapability.DIAL_IN, ProviderCapability.WEBHOOKS);
	}

	@Override
	public boolean connected(UUID companyId) {
		return integrations.connected(companyId, Provider.ZOOM);
	}

	@Override
	public List<String> fields() {
		return List.of(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, WEBHOOK_SECRET);
	}

	@Override
	public Set<String> optionalFields() {
		return Set.of(WEBHOOK_SECRET);
	}

	@Override
	public Set<String> secretFields() {
		return Set.of(CLIENT_SECRET, WEBHOOK_SECRET);
	}

	@Override
	public String verify(UUID companyId, Map<String, String> credentials) {
		try {
			token(credentials);
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of(CLIENT_SECRET, "invalid.integration.zoom.refused", ex.getStatusCode().value());
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.ZOOM, "Zoom could not be reached to check the credentials ("
					+ ex.getMessage() + "); try again.");
		}
		return credentials.get(ACCOUNT_ID);
	}

	/** Zoom's OAuth app for an admin's grant: {@code {oauth-url}/oauth/authorize} and {@code …/oauth/token} (HTTP Basic). */
	@Override
	public Optional<UserGrantApp> userGrantApp() {
		String base = settings.oauthUrl().toString().replaceAll("/+$", "");
		return Optional.ofNullable(UserGrantApp.of(settings.clientId(), settings.clientSecret(), base + "/oauth/authorize",
				base + "/oauth/token", settings.scopes(), false));
	}

	/** {@code GET /users/me} with the granted token names the Zoom account (and proves the token works). */
	@Override
	public String verifyGrant(UUID companyId, String accessToken) {
		try {
			ZoomUser me = api.get()
				.uri("/users/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.body(ZoomUser.class);
			if (me == null) {
				throw new ProviderUnavailable(Provider.ZOOM, "Zoom answered GET /users/me without a user.");
			}
			return me.accountId() != null ? me.accountId() : me.email() != null ? me.email() : "Zoom";
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of("grant", "invalid.integration.grantRefused", "Zoom", ex.getStatusCode().value(),
					"user:read");
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.ZOOM, "Zoom could not be reached to check the grant (" + ex.getMessage()
					+ "); try again.");
		}
	}

	@Override
	public Optional<String> personalLink(UUID companyId, String memberEmail) {
		Map<String, String> credentials = credentials(companyId);
		try {
			ZoomUser user = calls.send(companyId, Provider.ZOOM,
					fresh -> api.get()
						.uri("/users/{userId}", memberEmail)
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.retrieve()
						.body(ZoomUser.class));
			return Optional.ofNullable(user == null ? null : user.personalMeetingUrl());
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	@Override
	public ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		Map<String, String> credentials = credentials(companyId);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("topic", request.title().length() > 200 ? request.title().substring(0, 200) : request.title());
		// 2: scheduled; 3: recurring without fixed time (one join URL for every occurrence, which Assent schedules itself)
		body.put("type", request.recurrence() == null ? 2 : 3);
		body.put("start_time", TIMES.utc(request.start()));
		body.put("duration", Math.max(1, Duration.between(request.start(), request.end()).toMinutes()));
		body.put("timezone", request.timeZone());
		body.put("settings", Map.of("join_before_host", false, "audio", "both"));
		ZoomMeeting created;
		try {
			created = calls.send(companyId, Provider.ZOOM,
					fresh -> api.post()
						.uri("/users/{userId}/meetings", request.hostEmail())
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(ZoomMeeting.class));
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.ZOOM, "Zoom refused to create the meeting for " + request.hostEmail()
					+ " (HTTP " + ex.getStatusCode().value() + "): the organizer must be a user of the connected Zoom account.");
		}
		if (created == null || created.joinUrl() == null) {
			throw new ProviderUnavailable(Provider.ZOOM, "Zoom answered without a join URL.");
		}
		List<ProviderMeeting.DialInNumber> numbers = new ArrayList<>();
		if (created.settings() != null && created.settings().globalDialInNumbers() != null) {
			for (ZoomDialIn n : created.settings().globalDialInNumbers()) {
				if (n.number() != null && !n.number().isBlank()) {
					numbers.add(new ProviderMeeting.DialInNumber(n.number().strip(), n.country(), n.city()));
				}
			}
		}
		return new ProviderMeeting(String.valueOf(created.id()), created.joinUrl(), numbers,
				numbers.isEmpty() ? null : settings.dialInListUrl(),
				numbers.isEmpty() ? NoDialIn.COMPUTER_AUDIO_ONLY : null);
	}

	/**
	 * The secret token Zoom signs the company's webhooks with: that of the company's own
	 * Server-to-Server app when one was given on connect, or this deployment's OAuth app's
	 * ({@code assent.providers.zoom.webhook-secret-token}) when the company connected by a grant.
	 */
	Optional<String> webhookSecret(UUID companyId) {
		return integrations.credentials(companyId, Provider.ZOOM)
			.map(c -> UserGrants.isUserGrant(c) ? settings.webhookSecretToken() : c.get(WEBHOOK_SECRET))
			.filter(s -> !s.isBlank());
	}

	/** The Zoom account a company connected by a grant, when it did (not with Server-to-Server credentials). */
	Optional<String> grantedAccount(UUID companyId) {
		return integrations.credentials(companyId, Provider.ZOOM)
			.filter(UserGrants::isUserGrant)
			.map(c -> integrations.get(companyId, Provider.ZOOM).account());
	}

	/** This deployment's OAuth app's webhook secret token, when set. */
	Optional<String> appWebhookSecret() {
		return Optional.ofNullable(settings.webhookSecretToken()).filter(s -> !s.isBlank());
	}

	/** The companies that connected Zoom by a grant for the Zoom account of an app-level event. */
	List<UUID> grantedCompanies(String accountId) {
		return integrations.connectedAs(Provider.ZOOM, accountId)
			.stream()
			.filter(company -> integrations.credentials(company, Provider.ZOOM).filter(UserGrants::isUserGrant).isPresent())
			.toList();
	}

	private Map<String, String> credentials(UUID companyId) {
		return integrations.credentials(companyId, Provider.ZOOM)
			.orElseThrow(() -> new ProviderUnavailable(Provider.ZOOM, "Zoom is not connected."));
	}

	private String bearer(UUID companyId, Map<String, String> credentials, boolean fresh) {
		return grants.bearer(companyId, Provider.ZOOM, credentials, fresh, () -> token(credentials));
	}

	private AccessTokens.Token token(Map<String, String> credentials) {
		ZoomToken t = oauth.post()
			.uri("/oauth/token?grant_type=account_credentials&account_id="
					+ URLEncoder.encode(credentials.get(ACCOUNT_ID), StandardCharsets.UTF_8))
			.headers(h -> h.setBasicAuth(credentials.get(CLIENT_ID), credentials.get(CLIENT_SECRET), StandardCharsets.UTF_8))
			.retrieve()
			.body(ZoomToken.class);
		if (t == null || t.accessToken() == null) {
			throw new ProviderUnavailable(Provider.ZOOM, "Zoom's token endpoint answered without a token.");
		}
		return new AccessTokens.Token(t.accessToken(), Duration.ofSeconds(t.expiresIn() > 0 ? t.expiresIn() : 3600));
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ZoomToken(@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("expires_in") long expiresIn) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ZoomUser(@Nullable String id, @Nullable String email,
			@JsonProperty("personal_meeting_url") @Nullable String personalMeetingUrl,
			@JsonProperty("account_id") @Nullable String accountId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ZoomMeeting(long id, @JsonProperty("join_url") @Nullable String joinUrl, @Nullable ZoomMeetingSettings settings) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ZoomMeetingSettings(@JsonProperty("global_dial_in_numbers") @Nullable List<ZoomDialIn> globalDialInNumbers) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ZoomDialIn(@Nullable String country, @JsonProperty("country_name") @Nullable String countryName,
			@Nullable String city, @Nullable String number, @Nullable String type) {
	}

	/** Zoom wants {@code yyyy-MM-ddTHH:mm:ssZ} in UTC. */
	private static final class DateTimeFormatterHolder {

		String utc(Instant instant) {
			return instant.truncatedTo(ChronoUnit.SECONDS).toString();
		}

	}

}
