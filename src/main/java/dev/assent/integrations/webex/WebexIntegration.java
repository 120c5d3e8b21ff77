package dev.assent.integrations.webex;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

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
 * Webex through its REST API. Either an integration's OAuth grant ({@code clientId},
 * {@code clientSecret}, {@code refreshToken}: {@code POST {oauth-url}/access_token} with
 * {@code grant_type=refresh_token} gives an access token for two weeks, and a rotated refresh token
 * is kept), or a long-lived bot or service-app {@code accessToken}. {@code GET /people/me} names the
 * account; {@code GET /meetingPreferences/personalMeetingRoom?userEmail=…} has a member's
 * {@code personalMeetingRoomLink} (L2, L3); {@code POST /meetings} creates a meeting for
 * {@code hostEmail} and answers its {@code webLink} and {@code telephony.callInNumbers} (L1, L4);
 * the "more numbers" link is the site's global call-in page of that meeting.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.webex", name = "enabled", havingValue = "true", matchIfMissing = true)
class WebexIntegration implements ProviderConnector {

	static final String CLIENT_ID = "clientId";

	static final String CLIENT_SECRET = "clientSecret";

	static final String REFRESH_TOKEN = "refreshToken";

	/** A bot's or service app's access token, instead of the OAuth grant. */
	static final String ACCESS_TOKEN = "accessToken";

	/** The secret Webex signs its webhook deliveries with ({@code X-Spark-Signature}); optional. */
	static final String WEBHOOK_SECRET = "webhookSecret";

	/** Webex's meeting link {@code https://{site}.webex.com/{site}/j.php?MTID=…}. */
	private static final Pattern MEETING_LINK = Pattern.compile("^(https://[^/?#]+/[^/?#]+)/j\\.php\\?(MTID=[A-Za-z0-9]+)");

	private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{1,300})\"");

	private final IntegrationManagement integrations;

	private final ProviderCalls calls;

	private final RestClient api;

	private final RestClient oauth;

	/** The ids of the webhooks Assent registered at Webex (comma-separated), deleted on disconnect. */
	static final String WEBHOOK_IDS = "webhookIds";

	/** The webhooks Assent registers: resource and event (L7). */
	private static final List<List<String>> WEBHOOKS = List.of(List.of("meetings", "started"), List.of("meetings", "ended"),
			List.of("meetingParticipants", "joined"));

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebexIntegration.class);

	private final WebexSettings settings;

	private final UserGrants grants;

	private final BaseUrl baseUrl;

	WebexIntegration(WebexSettings settings, IntegrationManagement integrations, ProviderCalls calls,
			UserGrants grants, BaseUrl baseUrl) {
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.grants = grants;
		this.integrations = integrations;
		this.calls = calls;
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
			// no cleartext HTTP/2 upgrade (h2c) of requests with a body
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
		return Provider.WEBEX;
	}

	@Override
	public Set<ProviderCapability> capabilities() {
		return EnumSet.of(ProviderCapability.OPT_OUT, ProviderCapability.PERSONAL_LINK,
				ProviderCapability.DYNAMIC_MEETINGS, ProviderCapability.DIAL_IN, ProviderCapability.WEBHOOKS);
	}

	@Override
	public boolean connected(UUID companyId) {
		return integrations.connected(companyId, Provider.WEBEX);
	}

	@Override
	public List<String> fields() {
		return List.of(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, WEBHOOK_SECRET);
	}

	@Override
	public Set<String> optionalFields() {
		// one of the two ways is checked in verify
		return Set.of(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, WEBHOOK_SECRET);
	}

	@Override
	public Set<String> secretFields() {
		return Set.of(CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, WEBHOOK_SECRET);
	}

	@Override
	public String verify(UUID companyId, Map<String, String> credentials) {
		boolean grant = credentials.containsKey(REFRESH_TOKEN);
		if (grant && credentials.containsKey(ACCESS_TOKEN)) {
			throw InvalidInput.of(ACCESS_TOKEN, "invalid.integration.webex.both");
		}
		if (!grant && !credentials.containsKey(ACCESS_TOKEN)) {
			throw InvalidInput.of(REFRESH_TOKEN, "invalid.integration.webex.neither");
		}
		if (grant) {
			for (String f : List.of(CLIENT_ID, CLIENT_SECRET)) {
				if (!credentials.containsKey(f)) {
					throw InvalidInput.of(f, "invalid.is-required-with-a-refreshtoken");
				}
			}
		}
		try {
			String token = grant ? refresh(null, credentials).value() : credentials.get(ACCESS_TOKEN);
			return account(token);
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of(grant ? REFRESH_TOKEN : ACCESS_TOKEN, "invalid.integration.webex.refused",
					ex.getStatusCode().value());
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex could not be reached to check the credentials ("
					+ ex.getMessage() + "); try again.");
		}
	}

	/** The Webex integration for an admin's grant: {@code {oauth-url}/authorize} and {@code …/access_token} (secret in the body). */
	@Override
	public Optional<UserGrantApp> userGrantApp() {
		String base = settings.oauthUrl().toString().replaceAll("/+$", "");
		return Optional.ofNullable(UserGrantApp.of(settings.clientId(), settings.clientSecret(), base + "/authorize",
				base + "/access_token", settings.scopes(), true));
	}

	/** {@code GET /people/me} with the granted token names the Webex account. */
	@Override
	public String verifyGrant(UUID companyId, String accessToken) {
		try {
			return account(accessToken);
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of("grant", "invalid.integration.grantRefused", "Webex", ex.getStatusCode().value(),
					"spark:people_read");
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex could not be reached to check the grant (" + ex.getMessage()
					+ "); try again.");
		}
	}

	private String account(String token) {
		WebexPerson me = api.get()
			.uri("/people/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.retrieve()
			.body(WebexPerson.class);
		return me != null && me.emails() != null && !me.emails().isEmpty() ? me.emails().get(0)
				: me != null && me.displayName() != null ? me.displayName() : "Webex";
	}

	@Override
	public Optional<String> personalLink(UUID companyId, String memberEmail) {
		Map<String, String> credentials = credentials(companyId);
		try {
			WebexPersonalRoom room = calls.send(companyId, Provider.WEBEX,
					fresh -> api.get()
						.uri(u -> u.path("/meetingPreferences/personalMeetingRoom").queryParam("userEmail", "{email}").build(memberEmail))
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.retrieve()
						.body(WebexPersonalRoom.class));
			return Optional.ofNullable(room == null ? null : room.personalMeetingRoomLink());
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	@Override
	public ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		Map<String, String> credentials = credentials(companyId);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", request.title().length() > 128 ? request.title().substring(0, 128) : request.title());
		body.put("start", request.start().truncatedTo(ChronoUnit.SECONDS).toString());
		body.put("end", request.end().truncatedTo(ChronoUnit.SECONDS).toString());
		body.put("timezone", request.timeZone());
		body.put("hostEmail", request.hostEmail());
		if (request.recurrence() != null) {
			// one series, one link for every occurrence
			body.put("recurrence", request.recurrence().replaceFirst("^RRULE:", ""));
		}
		WebexMeeting created;
		try {
			created = calls.send(companyId, Provider.WEBEX,
					fresh -> api.post()
						.uri("/meetings")
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(WebexMeeting.class));
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex refused to create the meeting for " + request.hostEmail()
					+ " (HTTP " + ex.getStatusCode().value() + "): the organizer must be a host on the connected Webex site.");
		}
		if (created == null || created.webLink() == null || created.id() == null) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex answered without a meeting link.");
		}
		List<ProviderMeeting.DialInNumber> numbers = new ArrayList<>();
		if (created.telephony() != null && created.telephony().callInNumbers() != null) {
			for (WebexCallIn n : created.telephony().callInNumbers()) {
				if (n.callInNumber() != null && !n.callInNumber().isBlank()) {
					numbers.add(new ProviderMeeting.DialInNumber(n.callInNumber().strip(), n.label(), null));
				}
			}
		}
		if (numbers.isEmpty()) {
			return new ProviderMeeting(created.id(), created.webLink(), List.of(), null, NoDialIn.COMPUTER_AUDIO_ONLY);
		}
		return new ProviderMeeting(created.id(), created.webLink(), numbers, globalCallIn(created.webLink()), null);
	}

	/**
	 * Registers Assent's webhooks at Webex ({@code POST /webhooks}: meetings started and ended,
	 * participants joined) with a generated secret kept encrypted with the connection, after
	 * deleting Assent's earlier ones for the same address (a reconnect, or a retry after a partial
	 * failure). Nothing is registered when the admin gave a webhook secret of their own (their own
	 * webhooks). A refusal is recorded and retried ({@code IntegrationManagement.setUpWebhooks}).
	 */
	@Override
	public boolean registerWebhooks(UUID companyId) {
		Map<String, String> credentials = credentials(companyId);
		if (credentials.containsKey(WEBHOOK_SECRET) && !credentials.containsKey(WEBHOOK_IDS)) {
			return false;
		}
		String target = baseUrl.with("/webhooks/webex/" + companyId);
		try {
			WebexWebhookList existing = calls.send(companyId, Provider.WEBEX,
					fresh -> api.get()
						.uri("/webhooks?max=100")
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.retrieve()
						.body(WebexWebhookList.class));
			if (existing != null && existing.items() != null) {
				for (WebexWebhook old : existing.items()) {
					if (target.equals(old.targetUrl()) && old.id() != null) {
						deleteWebhook(companyId, credentials, old.id());
					}
				}
			}
			// kept before Webex may deliver with it
			String secret = java.util.HexFormat.of().formatHex(RANDOM.generateSeed(32));
			integrations.updateCredentials(companyId, Provider.WEBEX, Map.of(WEBHOOK_SECRET, secret, WEBHOOK_IDS, ""));
			List<String> ids = new ArrayList<>();
			for (List<String> hook : WEBHOOKS) {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("name", "Assent: " + hook.get(0) + " " + hook.get(1));
				body.put("targetUrl", target);
				body.put("resource", hook.get(0));
				body.put("event", hook.get(1));
				body.put("secret", secret);
				WebexWebhook created = calls.send(companyId, Provider.WEBEX,
						fresh -> api.post()
							.uri("/webhooks")
							.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
							.contentType(MediaType.APPLICATION_JSON)
							.body(body)
							.retrieve()
							.body(WebexWebhook.class));
				if (created != null && created.id() != null) {
					ids.add(created.id());
				}
			}
			integrations.updateCredentials(companyId, Provider.WEBEX, Map.of(WEBHOOK_IDS, String.join(",", ids)));
			return true;
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex refused to register Assent's webhooks for " + target
					+ " (HTTP " + ex.getStatusCode().value() + webexMessage(ex) + ")" + refusalHint(ex.getStatusCode().value()));
		}
	}

	/**
	 * What a tech admin can do about a refused registration: a 400 is Webex's answer to an address
	 * it cannot reach or will not call; 401 and 403 say the token may not see meetings' events.
	 */
	static String refusalHint(int status) {
		return switch (status) {
			case 400 -> "; the address must be public https.";
			case 401, 403 -> "; the token must be allowed to see the meetings and their participants"
					+ " (Webex's Meetings API scopes) and to create webhooks for them.";
			default -> ".";
		};
	}

	/** Webex's own words in an error answer ({@code {"message": "…", "errors": [...], "trackingId": "…"}}). */
	private static String webexMessage(HttpClientErrorException ex) {
		Matcher m = ERROR_MESSAGE.matcher(ex.getResponseBodyAsString());
		return m.find() ? ": " + m.group(1) : "";
	}

	/** Deletes the webhooks Assent registered ({@code DELETE /webhooks/{id}}). */
	@Override
	public void beforeDisconnect(UUID companyId, Map<String, String> credentials) {
		String ids = credentials.getOrDefault(WEBHOOK_IDS, "");
		for (String id : ids.split(",")) {
			if (!id.isBlank()) {
				deleteWebhook(companyId, credentials, id.strip());
			}
		}
	}

	private void deleteWebhook(UUID companyId, Map<String, String> credentials, String id) {
		try {
			api.delete()
				.uri("/webhooks/{id}", id)
				.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, false))
				.retrieve()
				.toBodilessEntity();
		}
		catch (HttpClientErrorException.NotFound ex) {
			// gone already
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete Webex webhook {} of company {}: {}", id, companyId, ex.getMessage());
		}
	}

	/** The site's page with every call-in number of the meeting, as Webex invites link it. */
	static @Nullable String globalCallIn(String webLink) {
		Matcher m = MEETING_LINK.matcher(webLink);
		return m.find() ? m.group(1) + "/globalcallin.php?" + m.group(2) : null;
	}

	/** The webhook secret of the company's Webex connection, when one was given. */
	Optional<String> webhookSecret(UUID companyId) {
		return integrations.credentials(companyId, Provider.WEBEX).map(c -> c.get(WEBHOOK_SECRET)).filter(s -> !s.isBlank());
	}

	private Map<String, String> credentials(UUID companyId) {
		return integrations.credentials(companyId, Provider.WEBEX)
			.orElseThrow(() -> new ProviderUnavailable(Provider.WEBEX, "Webex is not connected."));
	}

	private String bearer(UUID companyId, Map<String, String> credentials, boolean fresh) {
		return grants.bearer(companyId, Provider.WEBEX, credentials, fresh, () -> credentials.containsKey(REFRESH_TOKEN)
				? refresh(companyId, credentials) : new AccessTokens.Token(credentials.get(ACCESS_TOKEN), Duration.ofDays(30)));
	}

	private AccessTokens.Token refresh(@Nullable UUID companyId, Map<String, String> credentials) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("client_id", credentials.get(CLIENT_ID));
		form.add("client_secret", credentials.get(CLIENT_SECRET));
		form.add("refresh_token", credentials.get(REFRESH_TOKEN));
		WebexToken t = oauth.post()
			.uri("/access_token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(WebexToken.class);
		if (t == null || t.accessToken() == null) {
			throw new ProviderUnavailable(Provider.WEBEX, "Webex's token endpoint answered without a token.");
		}
		if (companyId != null && t.refreshToken() != null && !t.refreshToken().isBlank()) {
			// Webex may hand out a new refresh token; the old one then stops working one day
			integrations.updateCredential(companyId, Provider.WEBEX, REFRESH_TOKEN, t.refreshToken());
		}
		return new AccessTokens.Token(t.accessToken(), Duration.ofSeconds(t.expiresIn() > 0 ? t.expiresIn() : 3600));
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexToken(@JsonProperty("access_token") @Nullable String accessToken, @JsonProperty("expires_in") long expiresIn,
			@JsonProperty("refresh_token") @Nullable String refreshToken) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexPerson(@Nullable String id, @Nullable List<String> emails, @Nullable String displayName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexWebhook(@Nullable String id, @Nullable String targetUrl, @Nullable String resource, @Nullable String event) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexWebhookList(@Nullable List<WebexWebhook> items) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexPersonalRoom(@Nullable String topic, @Nullable String personalMeetingRoomLink) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexMeeting(@Nullable String id, @Nullable String meetingNumber, @Nullable String webLink,
			@Nullable WebexTelephony telephony) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexTelephony(@Nullable String accessCode, @Nullable List<WebexCallIn> callInNumbers) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record WebexCallIn(@Nullable String label, @Nullable String callInNumber, @Nullable String tollType) {
	}

}
