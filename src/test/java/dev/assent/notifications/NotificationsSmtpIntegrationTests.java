package dev.assent.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assent.calls.Provider;
import dev.assent.integrations.IntegrationDisconnected;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.SmtpServer;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Emails over real SMTP (GreenMail): pre-call emails (PRODUCT E1) at the profile's lead time, in its
 * language, with both parts and the consent link; moved, cancelled and started calls; an invitee
 * removed; header injection; an invalid address in a batch; an SMTP outage (E4); the link
 * announcement (E2) once per member, also for members recorded later.
 */
@AssentIntegrationTest
class NotificationsSmtpIntegrationTests {

	static final SmtpServer SMTP = new SmtpServer();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::port);
		registry.add("assent.notifications.retry-initial", () -> "200ms");
		registry.add("assent.notifications.retry-max", () -> "1s");
		registry.add("assent.notifications.poll-every", () -> "100ms");
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Announcements announcements;

	@Autowired
	Emails emails;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	Http http;

	TestCompany company;

	@BeforeEach
	void setUp() {
		SMTP.start();
		http = new Http(port);
		company = TestCompany.create(http, "mail");
	}

	// --- E1

	@Test
	void preCallEmailReachesExternalInviteesAtTheLeadTimeInTheProfileLanguageWithBothParts() throws Exception {
		JsonNode dach = company.post(http, "/api/v1/consent-profiles", Map.of("name", "DACH", "languages",
				List.of("de", "en"), "noticeHtml", "<p>Wir zeichnen Gespräche zur Schulung auf.</p>"));
		member("Dwight Schrute", "dwight", dach.get("id").asString());
		company.post(http, "/api/v1/members", Map.of("name", "Jim Halpert", "email", "jim@" + company.slug() + ".example",
				"slug", "jim", "recorded", false));
		Instant start = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		String jan = "jan-" + UUID.randomUUID().toString().substring(0, 6) + "@client.example";
		String callId = meeting("dwight", "Quartalsgespräch", start,
				invitees(jan, "Jan Levinson", "jim@" + company.slug() + ".example", "Jim Halpert")).get(0);
		// The default lead time of an API-created profile is 10 minutes (E1).
		awaitDue(callId, start.minus(Duration.ofMinutes(10)));

		clock.set(start.minus(Duration.ofMinutes(10)).minusSeconds(1));
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.to(jan).isEmpty());
		clock.set(start.minus(Duration.ofMinutes(10)));
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(jan).size() == 1);

		MimeMessage m = SMTP.to(jan).get(0);
		assertThat(m.getSubject()).startsWith("Erinnerung: „Quartalsgespräch“ beginnt um").contains("aufgezeichnet");
		assertThat(m.getHeader("Content-Language")).containsExactly("de");
		assertThat(m.getRecipients(Message.RecipientType.TO)).hasSize(1);
		assertThat(m.getRecipients(Message.RecipientType.TO)[0].toString()).contains("Jan Levinson").contains(jan);
		String link = "http://localhost:" + port + "/" + company.slug() + "/dwight";
		String text = part(m, "text/plain");
		String html = part(m, "text/html");
		assertThat(text).contains("Hallo Jan Levinson,", "Dwight Schrute hat Sie zu „Quartalsgespräch“ eingeladen",
				"Dieses Gespräch wird aufgezeichnet.", "Wir zeichnen Gespräche zur Schulung auf.", link)
			.doesNotContain("<p>");
		assertThat(html).contains("<p>Wir zeichnen Gespräche zur Schulung auf.</p>", "href=\"" + link + "\"",
				"Dieses Gespräch wird aufgezeichnet.");
		// A team member on the invite is not an external invitee.
		assertThat(SMTP.to("jim@" + company.slug() + ".example")).isEmpty();
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> SMTP.to(jan).size() == 1);
	}

	@Test
	void movedMeetingEmailsAtTheNewTimeCancelledOneNotAtAllRemovedInviteeNever() {
		member("Dwight Schrute", "dwight", null);
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String ann = "ann-" + tag + "@client.example";
		String bob = "bob-" + tag + "@client.example";
		String carl = "carl-" + tag + "@client.example";
		Instant start = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		String uid = "moved-" + tag + "@test";
		JsonNode imported = importIcs(ics(uid, start, List.of(ann, bob)));
		String movedMeeting = imported.get("created").get(0).get("id").asString();
		String callId = calls(movedMeeting).get(0);
		awaitDue(callId, start.minus(Duration.ofMinutes(10)));
		// Moved one hour later, and Bob is no longer invited.
		Instant later = start.plus(Duration.ofHours(1));
		importIcs(ics(uid, later, List.of(ann)));
		// A one-off meeting moved is a new occurrence: the old call is cancelled, a new one scheduled.
		String movedCall = scheduledCalls(movedMeeting).get(0);
		awaitDue(movedCall, later.minus(Duration.ofMinutes(10)));
		await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(preCallStatus(callId)));
		// Another meeting, cancelled.
		String cancelledCall = meeting("dwight", "Cancelled review", start, invitees(carl, "Carl")).get(0);
		awaitDue(cancelledCall, start.minus(Duration.ofMinutes(10)));
		JsonNode meetings = company.get(http, "/api/v1/calls/" + cancelledCall);
		assertThat(http.delete("/api/v1/meetings/" + meetings.get("meetingId").asString(), company.apiToken()).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(preCallStatus(cancelledCall)));

		clock.set(start.minus(Duration.ofMinutes(10)));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> SMTP.to(ann).isEmpty() && SMTP.to(bob).isEmpty() && SMTP.to(carl).isEmpty());
		clock.set(later.minus(Duration.ofMinutes(10)));
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(ann).size() == 1);
		clock.set(later.plus(Duration.ofMinutes(5)));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> SMTP.to(ann).size() == 1 && SMTP.to(bob).isEmpty() && SMTP.to(carl).isEmpty());
		assertThat(SMTP.to(ann).get(0)).satisfies(m -> assertThat(m.getSubject()).contains("Reminder", "ICS review"));
	}

	@Test
	void noPreCallEmailForACallThatHasAlreadyStarted() {
		member("Dwight Schrute", "dwight", null);
		String dan = "dan-" + UUID.randomUUID().toString().substring(0, 6) + "@client.example";
		Instant start = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		String callId = meeting("dwight", "Late review", start, invitees(dan, "Dan")).get(0);
		awaitDue(callId, start.minus(Duration.ofMinutes(10)));
		clock.set(start.plusSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(preCallStatus(callId)));
		assertThat(jdbc.sql("select outcome from notifications.pre_calls where call_id = ?::uuid").param(callId)
			.query(String.class).single()).isEqualTo("the call had started");
		assertThat(SMTP.to(dan)).isEmpty();
	}

	// --- E5

	@Test
	void organizerIsRemindedBeforeTheCallWhenTheImportedInviteCarriesTheRawLinkInsteadOfTheConsentLink() throws Exception {
		member("Dwight Schrute", "dwight", null);
		String dwight = "dwight@" + company.slug() + ".example";
		String personalRoom = "https://zoom.us/j/" + (100000 + Math.abs("dwight".hashCode() % 100000));
		String personalLink = "http://localhost:" + port + "/" + company.slug() + "/dwight";
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Instant start = clock.instant().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
		// 1. The invite has only Zoom's own link: participants would skip the consent page.
		JsonNode raw = importIcs(icsWith("raw-" + tag + "@test", "Raw link review", start,
				"https://zoom.us/j/99887766?pwd=abc", "Join Zoom Meeting https://zoom.us/j/99887766?pwd=abc"));
		String rawCall = calls(raw.get("created").get(0).get("id").asString()).get(0);
		// 2. The invite carries the consent link (the meeting is held in Dwight's room: his personal link).
		JsonNode good = importIcs(icsWith("good-" + tag + "@test", "Good link review", start, personalRoom,
				"Join through " + personalLink + " to choose whether you are recorded."));
		String goodCall = calls(good.get("created").get(0).get("id").asString()).get(0);
		// 3. A meeting Assent wrote the invite of (API): no reminder.
		String apiCall = meeting("dwight", "API review", start, invitees("x-" + tag + "@client.example", "X")).get(0);
		awaitDue(rawCall, start.minus(Duration.ofMinutes(10)));
		awaitDue(goodCall, start.minus(Duration.ofMinutes(10)));
		awaitDue(apiCall, start.minus(Duration.ofMinutes(10)));
		assertThat(SMTP.to(dwight)).isEmpty();

		clock.set(start.minus(Duration.ofMinutes(10)));
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(dwight).size() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(preCallStatus(goodCall))
				&& "DONE".equals(preCallStatus(apiCall)) && "DONE".equals(preCallStatus(rawCall)));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.to(dwight).size() == 1);

		MimeMessage m = SMTP.to(dwight).get(0);
		assertThat(m.getSubject()).isEqualTo("Your invite for \"Raw link review\" skips the consent page");
		assertThat(m.getHeader("X-Assent-Reason")).containsExactly("RAW_LINK_REMINDER");
		// The meeting's own consent link (not held in Dwight's room): /{company}/dwight/{meeting}.
		String meetingLink = raw.get("created").get(0).get("consentLink").asString();
		assertThat(meetingLink).startsWith(personalLink + "/");
		String text = part(m, "text/plain");
		assertThat(text).contains("Hello Dwight Schrute,", "The invite for \"Raw link review\"",
				"carries the meeting link https://zoom.us/j/99887766?pwd=abc itself",
				"Participants who use it never see the consent page");
		assertThat(text).contains(meetingLink);
		assertThat(part(m, "text/html")).contains("href=\"" + meetingLink + "\"");
		assertThat(emailStatus(rawCall, dwight)).isEqualTo("SENT");
		assertThat(emailStatus(goodCall, dwight)).isNull();
		assertThat(emailStatus(apiCall, dwight)).isNull();
	}

	// --- C8: every language of the participant page

	@Test
	void preCallEmailsInArabicRunRightToLeftAndJapaneseOnesReadJapanese() throws Exception {
		JsonNode arabic = company.post(http, "/api/v1/consent-profiles", Map.of("name", "MENA", "languages", List.of("ar")));
		JsonNode japanese = company.post(http, "/api/v1/consent-profiles", Map.of("name", "Japan", "languages", List.of("ja")));
		member("Karim Haddad", "karim", arabic.get("id").asString());
		member("Aiko Tanaka", "aiko", japanese.get("id").asString());
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String layla = "layla-" + tag + "@client.example";
		String kenji = "kenji-" + tag + "@client.example";
		Instant start = clock.instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
		String arCall = meeting("karim", "مراجعة ربع سنوية", start, invitees(layla, "ليلى")).get(0);
		String jaCall = meeting("aiko", "四半期レビュー", start, invitees(kenji, "山田 健二")).get(0);
		awaitDue(arCall, start.minus(Duration.ofMinutes(10)));
		awaitDue(jaCall, start.minus(Duration.ofMinutes(10)));

		clock.set(start.minus(Duration.ofMinutes(10)));
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(layla).size() == 1 && SMTP.to(kenji).size() == 1);

		MimeMessage ar = SMTP.to(layla).get(0);
		assertThat(ar.getSubject()).startsWith("تذكير: تبدأ المكالمة «مراجعة ربع سنوية» في").endsWith("وستُسجَّل");
		assertThat(ar.getHeader("Content-Language")).containsExactly("ar");
		String arHtml = part(ar, "text/html");
		assertThat(arHtml).contains("lang=\"ar\"", "dir=\"rtl\"", "مرحبًا ليلى،", "ستُسجَّل هذه المكالمة.",
				"افتح صفحة الموافقة وانضم", "href=\"http://localhost:" + port + "/" + company.slug() + "/karim\"");
		assertThat(part(ar, "text/plain")).contains("دعاك Karim Haddad إلى «مراجعة ربع سنوية»");

		MimeMessage ja = SMTP.to(kenji).get(0);
		assertThat(ja.getSubject()).startsWith("リマインダー：「四半期レビュー」は").endsWith("に始まり、録画されます");
		assertThat(ja.getHeader("Content-Language")).containsExactly("ja");
		String jaHtml = part(ja, "text/html");
		assertThat(jaHtml).contains("lang=\"ja\"", "dir=\"ltr\"", "山田 健二 様", "この通話は録画されます。",
				"同意ページを開いて参加する").doesNotContain("dir=\"rtl\"");
		assertThat(part(ja, "text/plain")).contains("Aiko Tanaka さんから「四半期レビュー」", "この通話は録画されます。");
	}

	// --- bad input

	@Test
	void lineBreaksInNamesAndTitlesNeverBecomeHeadersAndAnInvalidAddressFailsAloneWhileTheRestGo() throws Exception {
		member("Dwight Schrute", "dwight", null);
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String eve = "eve-" + tag + "@client.example";
		String ok = "ok-" + tag + "@client.example";
		String bad = "bad-" + tag + "@client.example,root";
		Instant start = clock.instant().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
		Map<String, String> invitees = new LinkedHashMap<>();
		// The API refuses the invalid address at once (issue 11: typed, validated bodies) ...
		Map<String, Object> refused = Map.of("title", "Refused", "organizerEmail", "dwight@" + company.slug() + ".example",
				"start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString(), "timeZone", "UTC",
				"invitees", List.of(Map.of("email", bad)));
		Http.Response answer = http.json("POST", "/api/v1/meetings", company.apiToken(), refused);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("invitees[0].email");
		invitees.put(eve, "Eve\r\nBcc: mallory@evil.example");
		invitees.put(ok, "Olga");
		String callId = meeting("dwight", "Review\r\nBcc: mallory@evil.example", start, invitees).get(0);
		// ... but one that reached the database otherwise (an older import, a calendar's odd ATTENDEE) fails alone.
		jdbc.sql("""
				insert into calls.meeting_invitees (meeting_id, company_id, position, email, name)
				select i.meeting_id, i.company_id, 99, ?, 'Bad' from calls.meeting_invitees i
				join calls.calls c on c.meeting_id = i.meeting_id where c.id = ?::uuid and i.email = ?""")
			.params(bad, callId, ok)
			.update();
		awaitDue(callId, start.minus(Duration.ofMinutes(10)));
		clock.set(start.minus(Duration.ofMinutes(9)));

		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(eve).size() == 1 && SMTP.to(ok).size() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(emailStatus(callId, bad)));
		assertThat(jdbc.sql("select last_error from notifications.emails where occurrence = ? and recipient = ?")
			.params(callId, bad).query(String.class).single()).contains("invalid recipient address");
		MimeMessage m = SMTP.to(eve).get(0);
		assertThat(m.getHeader("Bcc")).isNull();
		assertThat(m.getAllRecipients()).hasSize(1);
		assertThat(m.getSubject()).doesNotContain("\r", "\n").contains("Review Bcc: mallory@evil.example");
		String raw = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(Arrays.asList(m.getHeader("To"))).singleElement().satisfies(to -> assertThat(to).doesNotContain("\r", "\n"));
		assertThat(raw).isNotNull();
		assertThat(SMTP.received().stream().filter(r -> {
			try {
				return Arrays.stream(r.getAllRecipients())
					.anyMatch(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress().contains("evil.example"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		})).isEmpty();
	}

	// --- E4: an outage

	@Test
	void smtpDownThenUpDeliversEveryEmailExactlyOnce() {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			addresses.add(member("Rep " + i, "rep" + i, null).get("email").asString());
		}
		UUID companyId = UUID.fromString(company.id());
		SMTP.stop();
		Announcements.Run run = announcements.announce(companyId, null);
		assertThat(run.total()).isEqualTo(5);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select min(attempts) from notifications.emails where run_id = ? and status = 'PENDING'")
				.param(run.id()).query(Integer.class).optional().orElse(0) >= 2);
		SMTP.start();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> announcements.latest(companyId).orElseThrow().sent() == 5);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> addresses.stream().allMatch(a -> SMTP.to(a).size() == 1));
		// Announcing again sends nobody a second copy.
		assertThat(announcements.announce(companyId, null).total()).isZero();
	}

	// --- E2

	@Test
	void linkAnnouncementGoesOnceToEveryRecordedMemberAndToMembersRecordedLater() throws Exception {
		JsonNode dwight = member("Dwight Schrute", "dwight", null);
		JsonNode pam = company.post(http, "/api/v1/members", Map.of("name", "Pam Beesly", "email",
				"pam@" + company.slug() + ".example", "slug", "pam", "recorded", false));
		TestCompany other = TestCompany.create(http, "othermail");
		other.member(http, "Stanley Hudson", "stanley", "https://zoom.us/j/5550001");
		UUID companyId = UUID.fromString(company.id());

		Announcements.Run run = announcements.announce(companyId, null);
		assertThat(run.total()).isEqualTo(1);
		String dwightEmail = dwight.get("email").asString();
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(dwightEmail).size() == 1);
		MimeMessage m = SMTP.to(dwightEmail).get(0);
		assertThat(m.getSubject()).isEqualTo("Your personal consent link for recorded calls");
		assertThat(part(m, "text/plain")).contains("http://localhost:" + port + "/" + company.slug() + "/dwight");
		assertThat(SMTP.to("pam@" + company.slug() + ".example")).isEmpty();
		assertThat(SMTP.to("stanley@" + other.slug() + ".example")).isEmpty();

		// Members who become recorded later get it too (E2 beyond): created recorded, or made recorded.
		JsonNode angela = member("Angela Martin", "angela", null);
		company.patch(http, "/api/v1/members/" + pam.get("id").asString(), Map.of("recorded", true));
		await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.to(angela.get("email").asString()).size() == 1
				&& SMTP.to("pam@" + company.slug() + ".example").size() == 1);
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.to(dwightEmail).size() == 1);
		// Another company's admin never sees these emails.
		EmailSummary sent = emails.recent(companyId, 10).get(0);
		assertThat(emails.find(UUID.fromString(other.id()), sent.id())).isEmpty();
		assertThat(emails.recent(UUID.fromString(other.id()), 10)).isEmpty();
	}

	// --- E3

	@Test
	void everyTechAdminHearsOnceThatAnIntegrationWasDisconnected() throws Exception {
		String tag = company.slug();
		JsonNode ada = company.post(http, "/api/v1/members", Map.of("name", "Ada Admin", "email", "ada@" + tag + ".example",
				"slug", "ada", "role", "TECH_ADMIN", "recorded", false));
		company.post(http, "/api/v1/members", Map.of("name", "Bert Admin", "email", "bert@" + tag + ".example", "slug",
				"bert", "role", "TECH_ADMIN", "recorded", false));
		company.post(http, "/api/v1/members", Map.of("name", "Rita Rep", "email", "rita@" + tag + ".example", "slug",
				"rita", "recorded", false));
		IntegrationDisconnected event = new IntegrationDisconnected(UUID.fromString(company.id()), Provider.ZOOM,
				"Zoom refused Assent's token (401).", clock.instant());
		tx.executeWithoutResult(s -> events.publishEvent(event));
		tx.executeWithoutResult(s -> events.publishEvent(event)); // delivered twice: still one email each

		await().atMost(Duration.ofSeconds(10))
			.until(() -> SMTP.to("ada@" + tag + ".example").size() == 1 && SMTP.to("bert@" + tag + ".example").size() == 1);
		MimeMessage m = SMTP.to(ada.get("email").asString()).get(0);
		assertThat(m.getSubject()).isEqualTo("The Zoom integration was disconnected");
		assertThat(part(m, "text/plain")).contains("Hello Ada Admin,", "Reason: Zoom refused Assent's token (401).");
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
			.until(() -> SMTP.to("rita@" + tag + ".example").isEmpty() && SMTP.to("ada@" + tag + ".example").size() == 1);
	}

	// --- helpers

	private JsonNode member(String name, String slug, String profileId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", slug + "@" + company.slug() + ".example");
		body.put("slug", slug);
		body.put("recorded", true);
		body.put("personalMeetingUrl", "https://zoom.us/j/" + (100000 + Math.abs(slug.hashCode() % 100000)));
		if (profileId != null) {
			body.put("consentProfileId", profileId);
		}
		return company.post(http, "/api/v1/members", body);
	}

	private static Map<String, String> invitees(String... emailAndName) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < emailAndName.length; i += 2) {
			m.put(emailAndName[i], emailAndName[i + 1]);
		}
		return m;
	}

	private List<String> meeting(String organizer, String title, Instant start, Map<String, String> invitees) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", organizer + "@" + company.slug() + ".example");
		body.put("start", start.toString());
		body.put("end", start.plus(Duration.ofMinutes(30)).toString());
		body.put("timeZone", "Europe/Berlin");
		List<Map<String, String>> list = new ArrayList<>();
		invitees.forEach((email, name) -> list.add(Map.of("email", email, "name", name)));
		body.put("invitees", list);
		JsonNode meeting = company.post(http, "/api/v1/meetings", body);
		return calls(meeting.get("id").asString());
	}

	private List<String> scheduledCalls(String meetingId) {
		List<String> ids = new ArrayList<>();
		company.get(http, "/api/v1/calls?meeting=" + meetingId + "&status=SCHEDULED")
			.get("items")
			.forEach(c -> ids.add(c.get("id").asString()));
		return ids;
	}

	private List<String> calls(String meetingId) {
		List<String> ids = new ArrayList<>();
		company.get(http, "/api/v1/calls?meeting=" + meetingId).get("items").forEach(c -> ids.add(c.get("id").asString()));
		return ids;
	}

	private JsonNode importIcs(String ics) {
		Http.Response r = http.send("POST", "/api/v1/meetings/import", company.apiToken(), "text/calendar", ics);
		assertThat(r.status()).as(r.body()).isIn(200, 201);
		return r.json();
	}

	private String ics(String uid, Instant start, List<String> attendees) {
		java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(java.time.ZoneOffset.UTC);
		StringBuilder s = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Assent tests//EN\r\nBEGIN:VEVENT\r\n");
		s.append("UID:").append(uid).append("\r\nDTSTAMP:").append(f.format(clock.instant())).append("\r\n");
		s.append("DTSTART:").append(f.format(start)).append("\r\nDTEND:").append(f.format(start.plus(Duration.ofMinutes(30))));
		s.append("\r\nSUMMARY:ICS review\r\nORGANIZER;CN=Dwight Schrute:mailto:dwight@").append(company.slug()).append(".example\r\n");
		for (String a : attendees) {
			s.append("ATTENDEE;CN=Guest:mailto:").append(a).append("\r\n");
		}
		s.append("LOCATION:https://zoom.us/j/99887766\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
		return s.toString();
	}

	private String icsWith(String uid, String title, Instant start, String location, String description) {
		java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(java.time.ZoneOffset.UTC);
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Assent tests//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
				+ "\r\nDTSTAMP:" + f.format(clock.instant()) + "\r\nDTSTART:" + f.format(start) + "\r\nDTEND:"
				+ f.format(start.plus(Duration.ofMinutes(30))) + "\r\nSUMMARY:" + title
				+ "\r\nORGANIZER;CN=Dwight Schrute:mailto:dwight@" + company.slug() + ".example\r\n"
				+ "ATTENDEE;CN=Guest:mailto:guest-" + uid.replace('@', '-') + "@client.example\r\nLOCATION:" + location
				+ "\r\nDESCRIPTION:" + description + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	private void awaitDue(String callId, Instant due) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select due_at from notifications.pre_calls where call_id = ?::uuid and status = 'WAITING'")
				.param(callId)
				.query(java.sql.Timestamp.class)
				.optional()
				.map(java.sql.Timestamp::toInstant)
				.filter(due::equals)
				.isPresent());
	}

	private String preCallStatus(String callId) {
		return jdbc.sql("select status from notifications.pre_calls where call_id = ?::uuid").param(callId)
			.query(String.class).optional().orElse(null);
	}

	private String emailStatus(String callId, String recipient) {
		return jdbc.sql("select status from notifications.emails where occurrence = ? and recipient = ?")
			.params(callId, recipient).query(String.class).optional().orElse(null);
	}

	/** The body of the first part with this content type (multipart/alternative inside). */
	static String part(Part p, String type) throws Exception {
		if (p.isMimeType(type)) {
			return (String) p.getContent();
		}
		if (p.isMimeType("multipart/*")) {
			Multipart mp = (Multipart) p.getContent();
			for (int i = 0; i < mp.getCount(); i++) {
				String found = part(mp.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
