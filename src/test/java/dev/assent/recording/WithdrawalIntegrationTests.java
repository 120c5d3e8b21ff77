package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.consentpage.Withdrawals;
import dev.assent.evidence.LedgerVerification;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static dev.assent.recording.Recordings.event;
import static dev.assent.recording.Recordings.status;
import static dev.assent.recording.Recordings.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Withdrawal as easy as consent (PRODUCT X2, issue 12): a returning participant sees their decision
 * and withdraws in one step; during the call that stops the recording as an opt-out does; after the
 * call the recorder is told to delete the participant's part and the call page shows it; the
 * personal link of the pre-call email does the same for an invitee who never used the page.
 */
@RecorderTest
class WithdrawalIntegrationTests {

	private static final Duration HUNDRED_MINUTES = Duration.ofMinutes(100);

	private static final Pattern WITHDRAW_ACTION = Pattern.compile("action=\"(/consent/withdraw/[^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Withdrawals withdrawals;

	@Autowired
	LedgerVerification verification;

	@Autowired
	dev.assent.accounts.MemberManagement members;

	/** A call whose recording started at its planned start; the clock at that start. */
	private String[] recordingCall(Http http, TestCompany c, String slug) {
		return Recordings.recordingCall(http, jdbc, clock, c, slug, "Demo", HUNDRED_MINUTES).asArray();
	}

	private static List<LoggedRequest> deletionsOf(String botId) {
		return WireMockRecorder.server()
			.findAll(WireMock.anyRequestedFor(WireMock.urlEqualTo("/bots/" + botId + "/deletions")));
	}

	@Test
	void aReturningParticipantSeesTheirDecisionAndWithdrawingDuringTheCallStopsTheRecording() { // X2, D4
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "wdraw");
		c.member(http, "Walt Withdraw", "walt", "https://zoom.us/j/7100001");
		String[] call = recordingCall(http, c, "walt");
		clock.set(Instant.parse(call[2]).plus(Duration.ofMinutes(2)));
		Http browser = new Http(port);
		Map<String, String> form = Http.hiddenFields(browser.get("/" + c.slug() + "/walt").body());
		form.put("choice", "RECORD");
		assertThat(browser.form("/" + c.slug() + "/walt", form).status()).isEqualTo(303);

		String again = browser.get("/" + c.slug() + "/walt").body();
		assertThat(again).contains("Your decision", "You chose &quot;Join and record&quot;", "Withdraw my consent");
		Matcher action = WITHDRAW_ACTION.matcher(again);
		assertThat(action.find()).isTrue();
		assertThat(new Http(port).get("/" + c.slug() + "/walt").body()).doesNotContain("Your decision");

		Http.Response withdrawn = browser.form(action.group(1).replace("&amp;", "&"), Map.of());

		assertThat(withdrawn.status()).isEqualTo(200);
		assertThat(withdrawn.body()).contains("Your consent is withdrawn");
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(call[1]).size() == 1);
		assertThat(status(http, c, call[0])).isEqualTo("SKIPPED");
		assertThat(browser.get("/" + c.slug() + "/walt").body()).contains("You withdrew your consent");
		assertThat(browser.form(action.group(1).replace("&amp;", "&"), Map.of()).status()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from consentpage.decisions where company_id = ?::uuid and choice = 'WITHDRAW'")
			.param(c.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		Map<String, Object> proof = jdbc.sql("""
				select method, decision, link_seq from evidence.records
				where company_id = ?::uuid and kind = 'CONSENT_WITHDRAWN'""").param(c.id()).query().singleRow();
		assertThat(proof).containsEntry("method", "PAGE").containsEntry("decision", "WITHDRAWN");
		assertThat(proof.get("link_seq")).isNotNull();
		assertThat(verification.verify(UUID.fromString(c.id())).intact()).isTrue();
	}

	@Test
	void aPersonalLinkWithdrawsAfterTheCallTellsTheRecorderAndTheCallPageShowsIt() { // X2
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlPathMatching("/bots/[^/]+/deletions"))
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{}")));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "wlink");
		String member = c.member(http, "Lina Link", "lina", "https://zoom.us/j/7100002").get("id").asString();
		String[] call = recordingCall(http, c, "lina");
		Instant end = Instant.parse(call[2]).plus(HUNDRED_MINUTES);
		clock.set(end);
		webhook(http, event("evt-" + UUID.randomUUID(), "recording.stopped", end, call[0], call[1]));
		webhook(http, event("evt-" + UUID.randomUUID(), "call.ended", end, call[0], call[1]));
		await().atMost(Duration.ofSeconds(10)).until(() -> "RECORDED".equals(status(http, c, call[0])));
		clock.set(end.plus(Duration.ofDays(1)));
		String link = withdrawals.withdrawalLink(UUID.fromString(c.id()), UUID.fromString(member),
				UUID.fromString(call[0]), "buyer@client.example", "");

		Http.Response page = http.get(link);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Withdraw your consent", "You have not chosen anything");
		assertThat(http.get(link.substring(0, link.length() - 3) + "AAA").status()).isEqualTo(404);
		Http.Response done = http.form(link, Map.of());

		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("Your consent is withdrawn");
		await().atMost(Duration.ofSeconds(10)).until(() -> deletionsOf(call[1]).size() == 1);
		JsonNode order = Recordings.JSON.readTree(deletionsOf(call[1]).get(0).getBodyAsString());
		assertThat(order.get("participant").asString()).isEqualTo("buyer@client.example");
		assertThat(order.get("reason").asString()).isEqualTo("CONSENT_WITHDRAWN");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select recorder_told_at from recording.deletion_requests where call_id = ?::uuid")
				.param(call[0])
				.query(java.sql.Timestamp.class)
				.optional()
				.isPresent());
		assertThat(status(http, c, call[0])).isEqualTo("RECORDED");
	}


	@Test
	void aRecorderThatRefusesTheDeletionForGoodIsNotAskedForeverAndTheCallPageSaysSo() { // X2, issue 12
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlPathMatching("/bots/[^/]+/deletions"))
				.willReturn(WireMock.aResponse().withStatus(501).withBody("{\"detail\":\"no deletions here\"}")));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "wrefuse");
		String member = c.member(http, "Rita Refuse", "rita", "https://zoom.us/j/7100003").get("id").asString();
		String[] call = recordingCall(http, c, "rita");
		Instant end = Instant.parse(call[2]).plus(HUNDRED_MINUTES);
		clock.set(end);
		webhook(http, event("evt-" + UUID.randomUUID(), "recording.stopped", end, call[0], call[1]));
		webhook(http, event("evt-" + UUID.randomUUID(), "call.ended", end, call[0], call[1]));
		await().atMost(Duration.ofSeconds(10)).until(() -> "RECORDED".equals(status(http, c, call[0])));
		clock.set(end.plus(Duration.ofHours(2)));
		String link = withdrawals.withdrawalLink(UUID.fromString(c.id()), UUID.fromString(member),
				UUID.fromString(call[0]), "buyer@client.example", "");

		assertThat(http.form(link, Map.of()).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select refusal from recording.deletion_requests where call_id = ?::uuid")
				.param(call[0])
				.query(String.class)
				.optional()
				.isPresent());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("""
					select count(*) from event_publication
					where completion_date is null and serialized_event like ? and listener_id like '%ParticipantDeletions%'""")
				.param("%" + call[0] + "%")
				.query(Integer.class)
				.single() == 0);
		assertThat(deletionsOf(call[1])).hasSize(1);
		assertThat(jdbc.sql("select refusal from recording.deletion_requests where call_id = ?::uuid")
			.param(call[0])
			.query(String.class)
			.single()).contains("501");
		JsonNode tina = c.post(http, "/api/v1/members", Map.of("name", "Tina Tech", "email", "tina@" + c.slug() + ".example",
				"slug", "tina", "role", "TECH_ADMIN", "recorded", false));
		members.setPassword(UUID.fromString(c.id()), UUID.fromString(tina.get("id").asString()), "tina-test-password-123");
		Http admin = new Http(port);
		Map<String, String> login = Http.hiddenFields(admin.get("/login").body());
		login.put("username", "tina@" + c.slug() + ".example");
		login.put("password", "tina-test-password-123");
		assertThat(admin.form("/login", login).status()).isEqualTo(302);
		assertThat(admin.get("/admin/calls/" + call[0]).body()).contains("the recorder refused to delete it", "501");
	}

}
