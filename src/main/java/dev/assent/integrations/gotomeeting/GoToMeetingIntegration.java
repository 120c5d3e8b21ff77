package dev.assent.integrations.gotomeeting;

import java.nio.charset.StandardCharsets;
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
import dev.assent.shared.InvalidInput;

/**
 * GoToMeeting through its REST API with an OAuth client's grant: {@code POST {oauth-url}/oauth/token}
 * ({@code grant_type=refresh_token}, the client id and secret as HTTP Basic) gives an hour's access
 * token and names the organizer ({@code principal}); {@code POST /meetings} creates a meeting for
 * that organizer and answers its {@code joinURL} and {@code conferenceCallInfo} (one
 * {@code Country: number} line per phone number and the access code). A member's personal meeting
 * room (L2, L3) is the standing meeting of their organizer account, as GoTo's API shows it:
 * {@code GET /organizers?email=…} (admin role) names the organizer's {@code organizerKey},
 * {@code GET /organizers/{organizerKey}/upcomingMeetings} lists their meetings, and the one of
 * {@code meetingType} {@code recurring} (no fixed time, the same link every time) is joined at
 * {@code https://meet.goto.com/{meetingId}}.
 * <p>
 * With {@code assent.providers.gotomeeting.client-id}, a tech admin instead grants access by signing
 * in at GoTo ({@code {oauth-url}/oauth/authorize}, the code exchanged at {@code …/oauth/token} with
 * HTTP Basic; {@link UserGrants}); the token answer's {@code principal} names the organizer and
 * {@code GET /upcomingMeetings} proves the token reaches GoToMeeting. Meetings are then hosted by
 * that organizer, as with a refresh token typed in.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.gotomeeting", name = "enabled", havingValue = "true", matchIfMissing = true)
class GoToMeetingIntegration implements ProviderConnector {

	static final String CLIENT_ID = "clientId";

	static final String CLIENT_SECRET = "clientSecret";

	static final String REFRESH_TOKEN = "refreshToken";

	/** Where a GoToMeeting meeting is joined by its id. */
	static final String PERSONAL_ROOM = "https://meet.goto.com/";

	/** {@code United States: +1 (571) 317-3122}. */
	private static final Pattern NUMBER_LINE = Pattern.compile("^\\s*([^:\\n]{2,60}):\\s*(\\+[0-9][0-9 ()./-]{5,30})\\s*$");

	private static final Pattern ACCESS_CODE = Pattern.compile("(?i)access code:\\s*([0-9][0-9 -]{2,20}[0-9])");

	private final IntegrationManagement integrations;

	private final ProviderCalls calls;

	private final UserGrants grants;

	private final GoToMeetingSettings settings;

	private final RestClient api;

	private final RestClient oauth;

	GoToMeetingIntegration(GoToMeetingSettings settings, IntegrationManagement integrations, ProviderCalls calls,
			UserGrants grants) {
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
		return Provider.GOTOMEETING;
	}

	@Override
	public Set<ProviderCapability> capabilities() {
		return EnumSet.of(ProviderCapability.OPT_OUT, ProviderCapability.PERSONAL_LINK, ProviderCapability.DYNAMIC_MEETINGS,
				ProviderCapability.DIAL_IN);
	}

	@Override
	public boolean connected(UUID companyId) {
		return integrations.connected(companyId, Provider.GOTOMEETING);
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
			GoToToken t = fetch(credentials);
			return t.principal() != null && !t.principal().isBlank() ? t.principal() : "GoToMeeting organizer";
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of(REFRESH_TOKEN, "invalid.integration.gotomeeting.refused", ex.getStatusCode().value());
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.GOTOMEETING, "GoTo could not be reached to check the credentials ("
					+ ex.getMessage() + "); try again.");
		}
	}

	/** GoTo's OAuth client for an admin's grant: {@code {oauth-url}/oauth/authorize} and {@code …/oauth/token} (HTTP Basic). */
	@Override
	public Optional<UserGrantApp> userGrantApp() {
		String base = settings.oauthUrl().toString().replaceAll("/+$", "");
		return Optional.ofNullable(UserGrantApp.of(settings.clientId(), settings.clientSecret(), base + "/oauth/authorize",
				base + "/oauth/token", settings.scopes() == null ? List.of() : settings.scopes(), false));
	}

	/**
	 * {@code GET /upcomingMeetings} with the granted token proves it reaches GoToMeeting; the token
	 * answer's {@code principal} (the organizer's email) names the account.
	 */
	@Override
	public String verifyGrant(UUID companyId, String accessToken, Map<String, Object> tokenResponse) {
		try {
			api.get()
				.uri("/upcomingMeetings")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.toBodilessEntity();
		}
		catch (HttpClientErrorException ex) {
			throw InvalidInput.of("grant", "invalid.integration.grantRefused", "GoTo", ex.getStatusCode().value(),
					"GoToMeeting");
		}
		catch (HttpServerErrorException | ResourceAccessException ex) {
			throw new ProviderUnavailable(Provider.GOTOMEETING, "GoTo could not be reached to check the grant ("
					+ ex.getMessage() + "); try again.");
		}
		return tokenResponse.get("principal") instanceof String principal && !principal.isBlank() ? principal
				: "GoToMeeting organizer";
	}

	@Override
	public Optional<String> personalLink(UUID companyId, String memberEmail) {
		Map<String, String> credentials = integrations.credentials(companyId, Provider.GOTOMEETING)
			.orElseThrow(() -> new ProviderUnavailable(Provider.GOTOMEETING, "GoToMeeting is not connected."));
		try {
			GoToOrganizer[] organizers = calls.send(companyId, Provider.GOTOMEETING,
					fresh -> api.get()
						.uri(u -> u.path("/organizers").queryParam("email", "{email}").build(memberEmail))
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.retrieve()
						.body(GoToOrganizer[].class));
			if (organizers == null || organizers.length == 0 || organizers[0].organizerKey() == 0) {
				return Optional.empty();
			}
			long organizerKey = organizers[0].organizerKey();
			GoToUpcoming[] upcoming = calls.send(companyId, Provider.GOTOMEETING,
					fresh -> api.get()
						.uri("/organizers/{organizerKey}/upcomingMeetings", organizerKey)
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.retrieve()
						.body(GoToUpcoming[].class));
			if (upcoming == null) {
				return Optional.empty();
			}
			for (GoToUpcoming m : upcoming) {
				String id = m.meetingId() == null ? "" : m.meetingId().replaceAll("[^0-9]", "");
				if ("recurring".equalsIgnoreCase(m.meetingType()) && !id.isEmpty()) {
					return Optional.of(PERSONAL_ROOM + id);
				}
			}
			return Optional.empty();
		}
		catch (HttpClientErrorException.NotFound | HttpClientErrorException.Forbidden ex) {
			// not an organizer of the account, or the connected organizer is no admin and may look up only themself
			return Optional.empty();
		}
	}

	@Override
	public ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		Map<String, String> credentials = integrations.credentials(companyId, Provider.GOTOMEETING)
			.orElseThrow(() -> new ProviderUnavailable(Provider.GOTOMEETING, "GoToMeeting is not connected."));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("subject", request.title().length() > 100 ? request.title().substring(0, 100) : request.title());
		body.put("starttime", request.start().truncatedTo(ChronoUnit.SECONDS).toString());
		body.put("endtime", request.end().truncatedTo(ChronoUnit.SECONDS).toString());
		body.put("passwordrequired", false);
		body.put("conferencecallinfo", "Hybrid");
		body.put("timezonekey", "");
		body.put("meetingtype", "scheduled");
		GoToMeeting[] created;
		try {
			created = calls.send(companyId, Provider.GOTOMEETING,
					fresh -> api.post()
						.uri("/meetings")
						.header(HttpHeaders.AUTHORIZATION, bearer(companyId, credentials, fresh))
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.body(GoToMeeting[].class));
		}
		catch (HttpClientErrorException ex) {
			throw new ProviderUnavailable(Provider.GOTOMEETING, "GoToMeeting refused to create the meeting (HTTP "
					+ ex.getStatusCode().value() + ").");
		}
		if (created == null || created.length == 0 || created[0].joinUrl() == null || created[0].meetingId() == 0) {
			throw new ProviderUnavailable(Provider.GOTOMEETING, "GoToMeeting answered without a join URL.");
		}
		GoToMeeting m = created[0];
		List<ProviderMeeting.DialInNumber> numbers = numbers(m.conferenceCallInfo());
		if (numbers.isEmpty()) {
			return new ProviderMeeting(String.valueOf(m.meetingId()), m.joinUrl(), List.of(), null, NoDialIn.COMPUTER_AUDIO_ONLY);
		}
		return new ProviderMeeting(String.valueOf(m.meetingId()), m.joinUrl(), numbers, null, null);
	}

	/** The phone numbers of a {@code conferenceCallInfo} text, each with the meeting's access code. */
	static List<ProviderMeeting.DialInNumber> numbers(@Nullable String info) {
		List<ProviderMeeting.DialInNumber> numbers = new ArrayList<>();
		if (info == null) {
			return numbers;
		}
		Matcher code = ACCESS_CODE.matcher(info);
		String suffix = code.find() ? ", access code " + code.group(1).strip() : "";
		for (String line : info.split("\\R")) {
			Matcher m = NUMBER_LINE.matcher(line);
			if (m.matches() && !m.group(1).toLowerCase(java.util.Locale.ROOT).contains("access code")) {
				numbers.add(new ProviderMeeting.DialInNumber(m.group(2).strip() + suffix, m.group(1).strip(), null));
			}
		}
		return numbers;
	}

	private String bearer(UUID companyId, Map<String, String> credentials, boolean fresh) {
		return grants.bearer(companyId, Provider.GOTOMEETING, credentials, fresh, () -> {
			GoToToken t = fetch(credentials);
			if (t.refreshToken() != null && !t.refreshToken().isBlank()) {
				integrations.updateCredential(companyId, Provider.GOTOMEETING, REFRESH_TOKEN, t.refreshToken());
			}
			return new AccessTokens.Token(t.accessToken(), Duration.ofSeconds(t.expiresIn() > 0 ? t.expiresIn() : 3600));
		});
	}

	private GoToToken fetch(Map<String, String> credentials) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", credentials.get(REFRESH_TOKEN));
		GoToToken t = oauth.post()
			.uri("/oauth/token")
			.headers(h -> h.setBasicAuth(credentials.get(CLIENT_ID), credentials.get(CLIENT_SECRET), StandardCharsets.UTF_8))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(GoToToken.class);
		if (t == null || t.accessToken() == null) {
			throw new ProviderUnavailable(Provider.GOTOMEETING, "GoTo's token endpoint answered without a token.");
		}
		return t;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoToToken(@JsonProperty("access_token") @Nullable String accessToken, @JsonProperty("expires_in") long expiresIn,
			@JsonProperty("refresh_token") @Nullable String refreshToken, @Nullable String principal) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoToOrganizer(long organizerKey, @Nullable String email, @Nullable String status) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoToUpcoming(@Nullable String meetingId, @Nullable String meetingType, @Nullable String subject) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GoToMeeting(@JsonProperty("joinURL") @Nullable String joinUrl, @JsonProperty("meetingid") long meetingId,
			@Nullable String conferenceCallInfo, long maxParticipants) {
	}

}
