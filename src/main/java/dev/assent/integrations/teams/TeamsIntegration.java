package dev.assent.integrations.teams;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
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
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;

/**
 * Microsoft Teams through Microsoft Graph with an app registration's client credentials:
 * {@code POST {oauth-url}/{tenantId}/oauth2/v2.0/token} ({@code grant_type=client_credentials},
 * scope {@code https://graph.microsoft.com/.default}) gives an access token;
 * {@code POST /users/{organizer}/onlineMeetings} creates a meeting and answers its
 * {@code joinWebUrl} and {@code audioConferencing} (toll numbers and the {@code dialinUrl} page), which
 * is absent when the organizer has no audio-conferencing licence (PRODUCT L4: the invite then says
 * why). With a webhook client state, each meeting also gets a change-notification subscription for
 * its call events ({@code POST /subscriptions}), which {@link TeamsWebhookController} receives.
 * Teams has no personal meeting rooms, so there is no personal-link lookup.
 * <p>
 * With {@code assent.providers.teams.client-id} (a multi-tenant app registration with delegated
 * permissions), a tech admin instead grants access by signing in at Microsoft
 * ({@code {oauth-url}/{tenant}/oauth2/v2.0/authorize}, scopes {@code offline_access User.Read
 * OnlineMeetings.ReadWrite}; {@link UserGrants}). {@code GET /me} names the account. A delegated
 * token may create online meetings only for the signed-in user ({@code POST /me/onlineMeetings});
 * Graph refuses {@code /users/{other}} with it, so Assent refuses meetings of other organizers with
 * that reason instead of creating them under the wrong organizer.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.teams", name = "enabled", havingValue = "true", matchIfMissing = true)
class TeamsIntegration implements ProviderConnector {

	private static final Logger log = LoggerFactory.getLogger(TeamsIntegration.class);

	static final String TENANT_ID = "tenantId";

	static final String CLIENT_ID = "clientId";

	static final String CLIENT_SECRET = "clientSecret";

	/** The secret Graph echoes in each change notification ({@code clientState}); optional. */
	static final String CLIENT_STATE = "webhookClientState";

	private final IntegrationManagement integrations;

	private final ProviderCalls calls;

	private final UserGrants grants;

	private final TeamsSubscriptions subscriptions;

	private final TeamsSettings settings;

	private final BaseUrl baseUrl;

	private final Clock clock;

	private final RestClient api;

	private final RestClient oauth;

	TeamsIntegration(TeamsSettings settings, IntegrationManagement integrations, ProviderCalls calls, UserGrants grants,
			TeamsSubscriptions subscriptions, BaseUrl baseUrl, Clock clock) {
		this.settings = settings;
		this.integrations = integrations;
		this.calls = calls;
		this.grants = grants;
		this.subscriptions = subscriptions;
		this.baseUrl = baseUrl;
		this.clock = clock;
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder()
					// no cleartext HTTP/2 upgrade (h2c) of requests with a body; over TLS, HTTP/1.1 is what Graph documents
					.version(java.net.http.HttpClient.Version.HTTP_1_1)
					.connectTimeout(settings.connectTimeout())
					.build());
		factory.setReadTimeout(settings.readTimeout());
		RestClient.Builder builder = RestClient.builder().requestFactory(factory);
		this.api = builder.clone().baseUrl(settings.apiUrl().toString()).build();
		this.oauth = builder.clone().baseUrl(settings.oauthUrl().toString()).build();
	}

	@Override
	public Provider provider() {
		return Provider.MICROSOFT_TEAMS;
	}

	@Override
	public Set<ProviderCapability> capabilities() {
		return EnumSet.of(ProviderCapability.OPT_OUT, ProviderCapability.DYNAMIC_MEETINGS, ProviderCapability.DIAL_IN,
				ProviderCapability.WEBHOOKS);
	}

	@Override
	public boolean connected(UUID companyId) {
		return integrations.connected(companyId, Provider.MICROSOFT_TEAMS);
	}

	@Override
	public List<String> fields() {
		return List.of(TENANT_ID, CLIENT_ID, CLIENT_SECRET, CLIENT_STATE);
	}

	@Override
	public Set<String> optionalFields() {
		return Set.of(CLIENT_STATE);
	}

	@Override
	public Set<String> secretFields() {
		return Set.of(CLIENT_SECRET, CLIENT_STATE);
	}

	@Override
	public String verify(UUID companyId, Map<String, String> credentials) {
		if (!credentials.get(TENANT_ID).matches("[A-Za-z0-9.-]{1,100}")) {
			throw InvalidInput.of(TENANT_ID, "invalid.must-be-the-directory-tenant-id-or-a");
		}
		String state = credentials.get(CLIENT_STATE);
		if (state != null && state.length() > 128) {
			// Graph refuses a clientState longer than 128 characters
			throw InvalidInput.of(CLIENT_STATE, "invalid.must-be-at-most-128-characters-microsoft-graph");
		}
		try {
			token(credentials);
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of(CLIENT_SECRET, "invalid.integration.teams.refused", ex.getStatusCode().value());
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft's identity platform could not be reached "
					+ "to check the credentials (" + ex.getMessage() + "); try again.");
		}
		return credentials.get(TENANT_ID);
	}

	/**
	 * The deployment's app registration for an admin's grant: {@code {oauth-url}/{tenant}/oauth2/v2.0/authorize}
	 * and {@code …/token} (secret in the body; a refresh names the scopes again, as the identity platform wants).
	 */
	@Override
	public Optional<UserGrantApp> userGrantApp() {
		String base = settings.oauthUrl().toString().replaceAll("/+$", "") + "/" + settings.tenant() + "/oauth2/v2.0";
		return Optional.ofNullable(UserGrantApp.of(settings.clientId(), settings.clientSecret(), base + "/authorize",
				base + "/token", settings.scopes(), true, Map.of(), true));
	}

	/** {@code GET /me} with the granted token names the signed-in user (their mail, else their user principal name). */
	@Override
	public String verifyGrant(UUID companyId, String accessToken) {
		try {
			GraphUser me = api.get()
				.uri("/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.body(GraphUser.class);
			if (me == null || (me.mail() == null && me.userPrincipalName() == null)) {
				throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Graph answered GET /me without a user.");
			}
			return me.mail() != null ? me.mail() : me.userPrincipalName();
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of("grant", "invalid.integration.grantRefused", "Microsoft", ex.getStatusCode().value(),
					String.join(" ", settings.scopes()));
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Graph could not be reached to check the grant ("
					+ ex.getMessage() + "); try again.");
		}
	}

	@Override
	public ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		Map<String, String> credentials = credentials(companyId);
		String organizer = "/users/{userId}/onlineMeetings";
		if (UserGrants.isUserGrant(credentials)) {
			String granted = integrations.get(companyId, Provider.MICROSOFT_TEAMS).account();
			if (granted == null || !granted.equalsIgnoreCase(request.hostEmail())) {
				throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Teams is connected by " + granted
						+ "'s sign-in, which may create Teams meetings only for " + granted + ", not for "
						+ request.hostEmail() + ". To create them for every organizer, connect an app registration with "
						+ "the application permission OnlineMeetings.ReadWrite.All instead.");
			}
			organizer = "/me/onlineMeetings";
		}
		String path = organizer;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("subject", request.title().length() > 255 ? request.title().substring(0, 255) : request.title());
		body.put("startDateTime", request.start().truncatedTo(ChronoUnit.SECONDS).toString());
		body.put("endDateTime", request.end().truncatedTo(ChronoUnit.SECONDS).toString());
		GraphOnlineMeeting created;
		try {
			created = calls.send(companyId, Provider.MICROSOFT_TEAMS,
					fresh -> api.post()
						.uri(path, request.hostEmail())
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(GraphOnlineMeeting.class));
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Graph refused to create the meeting for "
					+ request.hostEmail() + " (HTTP " + ex.getStatusCode().value() + "): the organizer must be a user of "
					+ "the connected tenant, and an application access policy must allow the app to create meetings for them.");
		}
		if (created == null || created.joinWebUrl() == null || created.id() == null) {
			throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Graph answered without a join URL.");
		}
		List<ProviderMeeting.DialInNumber> numbers = new ArrayList<>();
		GraphAudioConferencing audio = created.audioConferencing();
		if (audio != null) {
			List<String> toll = audio.tollNumbers() != null && !audio.tollNumbers().isEmpty() ? audio.tollNumbers()
					: audio.tollNumber() == null ? List.of() : List.of(audio.tollNumber());
			List<String> tollFree = audio.tollFreeNumbers() != null && !audio.tollFreeNumbers().isEmpty()
					? audio.tollFreeNumbers() : audio.tollFreeNumber() == null ? List.of() : List.of(audio.tollFreeNumber());
			for (String n : toll) {
				add(numbers, n);
			}
			for (String n : tollFree) {
				add(numbers, n);
			}
		}
		subscribe(companyId, credentials, created, request);
		if (numbers.isEmpty()) {
			return new ProviderMeeting(created.id(), created.joinWebUrl(), List.of(), null, NoDialIn.NO_AUDIO_CONFERENCING);
		}
		return new ProviderMeeting(created.id(), created.joinWebUrl(), numbers, audio.dialinUrl(), null);
	}

	private static void add(List<ProviderMeeting.DialInNumber> numbers, @Nullable String number) {
		if (number != null && !number.isBlank() && numbers.stream().noneMatch(n -> n.number().equals(number.strip()))) {
			numbers.add(new ProviderMeeting.DialInNumber(number.strip(), null, null));
		}
	}

	/**
	 * Asks Graph to notify Assent of the meeting's call events (started, ended, roster updated). Graph
	 * first calls the notification URL with a {@code validationToken}. A refused subscription does not
	 * refuse the meeting: it only means no provider activity for it.
	 */
	private void subscribe(UUID companyId, Map<String, String> credentials, GraphOnlineMeeting meeting,
			ProviderMeetingRequest request) {
		String state = credentials.get(CLIENT_STATE);
		if (state == null || state.isBlank()) {
			return;
		}
		Instant now = Instant.now(clock);
		Instant expires = now.plus(settings.subscriptionLifetime()).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("changeType", "updated");
		body.put("notificationUrl", baseUrl.with("/webhooks/teams/" + companyId));
		body.put("resource", "communications/onlineMeetings(joinWebUrl='"
				+ java.net.URLEncoder.encode(meeting.joinWebUrl(), StandardCharsets.UTF_8) + "')/meetingCallEvents");
		body.put("expirationDateTime", expires.toString());
		body.put("clientState", state);
		try {
			GraphSubscription s = calls.send(companyId, Provider.MICROSOFT_TEAMS,
					fresh -> api.post()
						.uri("/subscriptions")
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(GraphSubscription.class));
			if (s != null && s.id() != null) {
				subscriptions.insert(companyId, s.id(), meeting.id(), meeting.joinWebUrl(), request.end(),
						s.expirationDateTime() == null ? expires : s.expirationDateTime(), now);
			}
		}
		catch (HttpClientErrorException | ProviderUnavailable ex) {
			log.warn("Graph refused the call-events subscription of a Teams meeting for {}: {}", request.hostEmail(),
					ex.getMessage());
		}
	}

	/**
	 * Renews the subscription for another {@code subscription-lifetime} ({@code PATCH /subscriptions/{id}}).
	 * @return the new expiry, empty when Graph no longer knows it (it is then forgotten) or Teams is not connected
	 */
	Optional<Instant> renew(UUID companyId, String subscriptionId) {
		Optional<Map<String, String>> credentials = integrations.credentials(companyId, Provider.MICROSOFT_TEAMS);
		if (credentials.isEmpty()) {
			return Optional.empty();
		}
		Instant expires = Instant.now(clock).plus(settings.subscriptionLifetime()).truncatedTo(ChronoUnit.SECONDS);
		try {
			GraphSubscription s = calls.send(companyId, Provider.MICROSOFT_TEAMS,
					fresh -> api.patch()
						.uri("/subscriptions/{id}", subscriptionId)
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials.get(), fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(Map.of("expirationDateTime", expires.toString()))
						.retrieve()
						.body(GraphSubscription.class));
			Instant until = s == null || s.expirationDateTime() == null ? expires : s.expirationDateTime();
			subscriptions.renewed(companyId, subscriptionId, until);
			return Optional.of(until);
		}
		catch (HttpClientErrorException.NotFound ex) {
			subscriptions.forget(companyId, subscriptionId);
			return Optional.empty();
		}
	}

	/** The webhook client state of the company's Teams connection, when one was given. */
	Optional<String> clientState(UUID companyId) {
		return integrations.credentials(companyId, Provider.MICROSOFT_TEAMS)
			.map(c -> c.get(CLIENT_STATE))
			.filter(s -> !s.isBlank());
	}

	Optional<String> meetingOfSubscription(UUID companyId, String subscriptionId) {
		return subscriptions.meetingOf(companyId, subscriptionId);
	}

	private Map<String, String> credentials(UUID companyId) {
		return integrations.credentials(companyId, Provider.MICROSOFT_TEAMS)
			.orElseThrow(() -> new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft Teams is not connected."));
	}

	private String bearer(UUID companyId, Map<String, String> credentials, boolean fresh) {
		return grants.bearer(companyId, Provider.MICROSOFT_TEAMS, credentials, fresh, () -> token(credentials));
	}

	private AccessTokens.Token token(Map<String, String> credentials) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", credentials.get(CLIENT_ID));
		form.add("client_secret", credentials.get(CLIENT_SECRET));
		form.add("scope", "https://graph.microsoft.com/.default");
		form.add("grant_type", "client_credentials");
		GraphToken t = oauth.post()
			.uri("/{tenant}/oauth2/v2.0/token", credentials.get(TENANT_ID))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(GraphToken.class);
		if (t == null || t.accessToken() == null) {
			throw new ProviderUnavailable(Provider.MICROSOFT_TEAMS, "Microsoft's token endpoint answered without a token.");
		}
		return new AccessTokens.Token(t.accessToken(), Duration.ofSeconds(t.expiresIn() > 0 ? t.expiresIn() : 3599));
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GraphToken(@JsonProperty("access_token") @Nullable String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GraphUser(@Nullable String id, @Nullable String mail, @Nullable String userPrincipalName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GraphOnlineMeeting(@Nullable String id, @Nullable String joinWebUrl, @Nullable String subject,
			@Nullable GraphAudioConferencing audioConferencing) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GraphAudioConferencing(@Nullable String conferenceId, @Nullable String tollNumber,
			@Nullable List<String> tollNumbers, @Nullable String tollFreeNumber, @Nullable List<String> tollFreeNumbers,
			@Nullable String dialinUrl) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GraphSubscription(@Nullable String id, @Nullable Instant expirationDateTime) {
	}

}
