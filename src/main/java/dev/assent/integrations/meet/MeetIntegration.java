package dev.assent.integrations.meet;

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
import dev.assent.shared.InvalidInput;

/**
 * Google Meet through the Google Calendar API with a Google account's OAuth grant
 * ({@code clientId}, {@code clientSecret}, {@code refreshToken} with the scope
 * {@code https://www.googleapis.com/auth/calendar.events}): {@code POST {oauth-url}/token} with
 * {@code grant_type=refresh_token} gives an hour's access token; {@code GET
 * /calendars/primary/events?maxResults=1} names the account (its {@code summary}); {@code POST /calendars/{organizer}/events?
 * conferenceDataVersion=1} with a {@code conferenceData.createRequest} of type {@code hangoutsMeet}
 * creates an event with a Meet conference and answers its {@code hangoutLink} and
 * {@code conferenceData.entryPoints} (the phone numbers and the {@code more} page). The connected
 * account must be allowed to add events to the organizers' calendars (a delegate, or each organizer
 * connecting their own account). With {@code assent.providers.meet.client-id}, a tech admin instead
 * grants access at Google ({@code accounts.google.com/o/oauth2/v2/auth} with {@code access_type=offline}
 * and {@code prompt=consent}, so that Google hands out a refresh token; {@link UserGrants}); the
 * granted account is named by {@code GET /calendars/primary/events?maxResults=1}, whose
 * {@code summary} is the primary calendar's id, the account's address.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.meet", name = "enabled", havingValue = "true", matchIfMissing = true)
class MeetIntegration implements ProviderConnector {

	static final String CLIENT_ID = "clientId";

	static final String CLIENT_SECRET = "clientSecret";

	static final String REFRESH_TOKEN = "refreshToken";

	private final IntegrationManagement integrations;

	private final ProviderCalls calls;

	private final UserGrants grants;

	private final MeetSettings settings;

	private final RestClient api;

	private final RestClient oauth;

	MeetIntegration(MeetSettings settings, IntegrationManagement integrations, ProviderCalls calls, UserGrants grants) {
		this.settings = settings;
		this.integrations = integrations;
		this.calls = calls;
		this.grants = grants;
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
		return Provider.GOOGLE_MEET;
	}

	@Override
	public Set<ProviderCapability> capabilities() {
		return EnumSet.of(ProviderCapability.OPT_OUT, ProviderCapability.DYNAMIC_MEETINGS, ProviderCapability.DIAL_IN);
	}

	@Override
	public boolean connected(UUID companyId) {
		return integrations.connected(companyId, Provider.GOOGLE_MEET);
	}

	@Override
	public List<String> fields() {
		return List.of(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
	}

	@Override
	public Set<String> secretFields() {
		return Set.of(CLIENT_SECRET, REFRESH_TOKEN);
	}

	@Override
	public String verify(UUID companyId, Map<String, String> credentials) {
		try {
			return account(token(credentials).value());
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of(REFRESH_TOKEN, "invalid.integration.meet.refused", ex.getStatusCode().value());
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.GOOGLE_MEET, "Google could not be reached to check the credentials ("
					+ ex.getMessage() + "); try again.");
		}
	}

	/**
	 * Google's OAuth client for an admin's grant: consent at {@code authorization-url} with
	 * {@code access_type=offline} and {@code prompt=consent} (a refresh token every time), the code
	 * exchanged at {@code {oauth-url}/token} (secret in the body).
	 */
	@Override
	public Optional<UserGrantApp> userGrantApp() {
		String base = settings.oauthUrl().toString().replaceAll("/+$", "");
		return Optional.ofNullable(UserGrantApp.of(settings.clientId(), settings.clientSecret(),
				settings.authorizationUrl().toString(), base + "/token", settings.scopes(), true,
				Map.of("access_type", "offline", "prompt", "consent"), false));
	}

	/** {@code GET /calendars/primary/events?maxResults=1} with the granted token names the Google account. */
	@Override
	public String verifyGrant(UUID companyId, String accessToken) {
		try {
			return account(accessToken);
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of("grant", "invalid.integration.grantRefused", "Google", ex.getStatusCode().value(),
					"calendar.events");
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.GOOGLE_MEET, "Google could not be reached to check the grant ("
					+ ex.getMessage() + "); try again.");
		}
	}

	@Override
	public ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		Map<String, String> credentials = integrations.credentials(companyId, Provider.GOOGLE_MEET)
			.orElseThrow(() -> new ProviderUnavailable(Provider.GOOGLE_MEET, "Google Meet is not connected."));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("summary", request.title());
		body.put("start", Map.of("dateTime", request.start().truncatedTo(ChronoUnit.SECONDS).toString(), "timeZone",
				request.timeZone()));
		body.put("end", Map.of("dateTime", request.end().truncatedTo(ChronoUnit.SECONDS).toString(), "timeZone",
				request.timeZone()));
		if (request.recurrence() != null) {
			String rule = request.recurrence().startsWith("RRULE:") ? request.recurrence() : "RRULE:" + request.recurrence();
			body.put("recurrence", List.of(rule));
		}
		// the request id makes a retried insert create one conference, not two
		body.put("conferenceData", Map.of("createRequest", Map.of("requestId", UUID.randomUUID().toString(),
				"conferenceSolutionKey", Map.of("type", "hangoutsMeet"))));
		GoogleEvent event;
		try {
			event = calls.send(companyId, Provider.GOOGLE_MEET,
					fresh -> api.post()
						.uri(u -> u.path("/calendars/{calendarId}/events").queryParam("conferenceDataVersion", 1)
							.queryParam("sendUpdates", "none").build(request.hostEmail()))
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(GoogleEvent.class));
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.GOOGLE_MEET, "Google Calendar refused to add the meeting to "
					+ request.hostEmail() + "'s calendar (HTTP " + ex.getStatusCode().value() + "): the connected Google "
					+ "account must be allowed to add events to it.");
		}
		if (event == null || event.hangoutLink() == null || event.conferenceData() == null
				|| event.conferenceData().conferenceId() == null) {
			throw new ProviderUnavailable(Provider.GOOGLE_MEET, "Google Calendar did not create a Meet conference for the "
					+ "event (its conference request is still pending or was refused).");
		}
		List<ProviderMeeting.DialInNumber> numbers = new ArrayList<>();
		String more = null;
		for (GoogleEntryPoint p : event.conferenceData().entryPoints() == null ? List.<GoogleEntryPoint>of()
				: event.conferenceData().entryPoints()) {
			if ("phone".equals(p.entryPointType())) {
				String number = p.label() != null && !p.label().isBlank() ? p.label()
						: p.uri() == null ? null : p.uri().replaceFirst("^tel:", "");
				if (number != null && !number.isBlank()) {
					numbers.add(new ProviderMeeting.DialInNumber(number.strip() + (p.pin() == null ? "" : " PIN: " + p.pin() + "#"),
							p.regionCode(), null));
				}
			}
			else if ("more".equals(p.entryPointType()) && p.uri() != null && p.uri().startsWith("https://")) {
				more = p.uri();
			}
		}
		String conference = event.conferenceData().conferenceId();
		if (numbers.isEmpty()) {
			return new ProviderMeeting(conference, event.hangoutLink(), List.of(), null, NoDialIn.DIAL_IN_NOT_ENABLED);
		}
		return new ProviderMeeting(conference, event.hangoutLink(), numbers, more, null);
	}

	/**
	 * The account's address: the {@code summary} of its primary calendar's events list, which the
	 * {@code calendar.events} scope may read ({@code calendarList} would need another scope).
	 */
	private String account(String accessToken) {
		GoogleEvents primary = api.get()
			.uri(u -> u.path("/calendars/primary/events").queryParam("maxResults", 1).build())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.retrieve()
			.body(GoogleEvents.class);
		return primary != null && primary.summary() != null ? primary.summary() : "Google account";
	}

	private String bearer(UUID companyId, Map<String, String> credentials, boolean fresh) {
		return grants.bearer(companyId, Provider.GOOGLE_MEET, credentials, fresh, () -> token(credentials));
	}

	private AccessTokens.Token token(Map<String, String> credentials) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("client_id", credentials.get(CLIENT_ID));
		form.add("client_secret", credentials.get(CLIENT_SECRET));
		form.add("refresh_token", credentials.get(REFRESH_TOKEN));
		GoogleToken t = oauth.post()
			.uri("/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(GoogleToken.class);
		if (t == null || t.accessToken() == null) {
			throw new ProviderUnavailable(Provider.GOOGLE_MEET, "Google's token endpoint answered without a token.");
		}
		return new AccessTokens.Token(t.accessToken(), Duration.ofSeconds(t.expiresIn() > 0 ? t.expiresIn() : 3599));
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoogleToken(@JsonProperty("access_token") @Nullable String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

	/** An events list: its {@code summary} is the calendar's title, the account's address for the primary calendar. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoogleEvents(@Nullable String summary, @Nullable String timeZone) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoogleEvent(@Nullable String id, @Nullable String hangoutLink, @Nullable GoogleConferenceData conferenceData) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoogleConferenceData(@Nullable String conferenceId, @Nullable List<GoogleEntryPoint> entryPoints) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoogleEntryPoint(@Nullable String entryPointType, @Nullable String uri, @Nullable String label,
			@Nullable String pin, @Nullable String regionCode) {
	}

}
