package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.evidence.LedgerVerification;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static dev.assent.recording.Recordings.awaitBot;
import static dev.assent.recording.Recordings.event;
import static dev.assent.recording.Recordings.schedule;
import static dev.assent.recording.Recordings.status;
import static dev.assent.recording.Recordings.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ledger completeness (PRODUCT X1) and keypad consent (X5), issue 12: every consent event of a
 * real call is a chained record carrying the hash of what was shown or played — the page served,
 * the decision, the audio prompt, joins (explicit and implicit), recording started and stopped per
 * person, and a dial-in participant's keypad answer, which stops the recording like an opt-out.
 */
@RecorderTest
class EvidenceTrailIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LedgerVerification verification;

	private List<Map<String, Object>> records(TestCompany c, String kind) {
		return jdbc.sql("""
				select participant, kind, method, decision, coalesce(shown_text::jsonb, shown)::text as shown, text_sha256, link_seq, recorded_at
				from evidence.records where company_id = ?::uuid and kind = ? order by link_seq, link_pos""")
			.params(c.id(), kind)
			.query()
			.listOfRows();
	}

	private void awaitRecords(TestCompany c, String kind, int n) {
		await().atMost(Duration.ofSeconds(15)).until(() -> records(c, kind).size() >= n);
	}

	@Test
	void everyConsentEventOfACallIsAChainedRecordWithWhatWasShownAndTheKeypadDeclineStopsTheRecording() { // X1, X5, A1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "trail");
		c.member(http, "Tara Trail", "tara", "https://zoom.us/j/7300001");
		String profileId = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		c.patch(http, "/api/v1/consent-profiles/" + profileId, Map.of("audioPromptId", "classic"));
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, c, "tara", "Evidence", start, Duration.ofMinutes(100), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start);
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", start, callId, botId)).status())
			.isEqualTo(200);

		// The audio prompt played as the recording started: its words by hash, its audio's hash.
		awaitRecords(c, "AUDIO_PROMPT_PLAYED", 1);
		Map<String, Object> prompt = records(c, "AUDIO_PROMPT_PLAYED").get(0);
		assertThat(prompt.get("text_sha256")).isNotNull();
		assertThat((String) prompt.get("shown")).contains("\"audioPromptId\": \"classic\"", "\"audioSha256\": \"");
		assertThat(jdbc.sql("select content from evidence.texts where sha256 = ?").param(prompt.get("text_sha256"))
			.query(String.class).single()).isNotBlank();

		// A participant opens the page (shown) and consents (decided) a minute in.
		clock.set(start.plus(Duration.ofMinutes(1)));
		Http browser = new Http(port);
		Map<String, String> form = Http.hiddenFields(browser.get("/" + c.slug() + "/tara").body());
		form.put("choice", "RECORD");
		assertThat(browser.form("/" + c.slug() + "/tara", form).status()).isEqualTo(303);
		awaitRecords(c, "NOTICE_SHOWN", 1);
		Map<String, Object> shown = records(c, "NOTICE_SHOWN").get(0);
		Map<String, Object> decided = records(c, "CONSENT_DECISION").get(0);
		String pageParticipant = (String) decided.get("participant");
		assertThat(shown.get("participant")).isEqualTo(pageParticipant);
		assertThat(shown.get("text_sha256")).isEqualTo(decided.get("text_sha256")).isNotNull();
		assertThat((String) shown.get("shown")).contains("\"viewKey\": \"" + form.get("view") + "\"", "\"language\": \"en\"",
				"\"userAgent\":", "\"clientPseudonym\":");
		assertThat(jdbc.sql("select view_key from consentpage.decisions where company_id = ?::uuid").param(c.id())
			.query(String.class).single()).isEqualTo(form.get("view"));

		// The recorder sees her join (matched to her decision) and a dial-in caller join without the page.
		Map<String, Object> bea = event("evt-" + UUID.randomUUID(), "participant.joined", start.plus(Duration.ofMinutes(1)),
				callId, botId);
		bea.put("name", "Bea Buyer");
		bea.put("email", "buyer@client.example");
		assertThat(webhook(http, bea).status()).isEqualTo(200);
		Map<String, Object> dan = event("evt-" + UUID.randomUUID(), "participant.joined", start.plus(Duration.ofMinutes(3)),
				callId, botId);
		dan.put("name", "+1 555 0100");
		assertThat(webhook(http, dan).status()).isEqualTo(200);
		awaitRecords(c, "PARTICIPANT_JOINED", 2);
		awaitRecords(c, "IMPLICIT_JOIN", 1);
		Map<String, Object> implicit = records(c, "IMPLICIT_JOIN").get(0);
		assertThat(implicit.get("participant")).isEqualTo("joined:+1 555 0100");
		assertThat(implicit.get("method")).isEqualTo("AUDIO_PROMPT");
		assertThat(implicit.get("text_sha256")).isEqualTo(prompt.get("text_sha256"));
		awaitRecords(c, "RECORDING_STARTED", 2);
		assertThat(records(c, "RECORDING_STARTED")).extracting(r -> r.get("participant"))
			.containsExactlyInAnyOrder(pageParticipant, "joined:+1 555 0100");

		// The dial-in caller presses 2 after the prompt: a decision like any other, and the recording stops (X5, D4).
		clock.set(start.plus(Duration.ofMinutes(4)));
		Map<String, Object> keypad = event("evt-" + UUID.randomUUID(), "participant.keypad", start.plus(Duration.ofMinutes(4)),
				callId, botId);
		keypad.put("phone", "+15550100");
		keypad.put("digit", "2");
		assertThat(webhook(http, keypad).status()).isEqualTo(200);
		assertThat(webhook(http, keypad).json().get("status").asString()).isEqualTo("duplicate");
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(status(http, c, callId)).isEqualTo("SKIPPED");
		Map<String, Object> pressed = jdbc.sql("""
				select participant, method, decision, text_sha256, coalesce(shown_text::jsonb, shown)::text as shown from evidence.records
				where company_id = ?::uuid and kind = 'CONSENT_DECISION' and method = 'KEYPAD'""")
			.param(c.id()).query().singleRow();
		assertThat(pressed).containsEntry("participant", "tel:+15550100").containsEntry("decision", "OPTED_OUT");
		assertThat(pressed.get("text_sha256")).isEqualTo(prompt.get("text_sha256"));
		assertThat((String) pressed.get("shown")).contains("\"digit\": \"2\"");
		assertThat(jdbc.sql("""
				select outcome from consentpage.decisions where company_id = ?::uuid and participant_id = 'tel:+15550100'""")
			.param(c.id()).query(String.class).list()).containsExactly("OPTED_OUT");

		// The recorder confirms the stop: stopped for everyone it had started for.
		Instant stopped = start.plus(Duration.ofMinutes(4)).plusSeconds(1);
		Map<String, Object> stop = event("evt-" + UUID.randomUUID(), "recording.stopped", stopped, callId, botId);
		stop.put("reason", "PARTICIPANT_OPTED_OUT");
		webhook(http, stop);
		awaitRecords(c, "RECORDING_STOPPED", 2);
		assertThat(records(c, "RECORDING_STOPPED")).extracting(r -> r.get("participant"))
			.containsExactlyInAnyOrder(pageParticipant, "joined:+1 555 0100");
		assertThat((String) records(c, "RECORDING_STOPPED").get(0).get("shown")).contains("PARTICIPANT_OPTED_OUT");

		// Every record is chained, and the chain holds.
		assertThat(jdbc.sql("select count(*) from evidence.records where company_id = ?::uuid and link_seq is null")
			.param(c.id()).query(Integer.class).single()).isZero();
		assertThat(verification.verify(UUID.fromString(c.id())).intact()).isTrue();
		// The call's export carries them, with the texts shown and played.
		JsonNode export = c.get(http, "/api/v1/calls/" + callId + "/evidence");
		assertThat(export.get("records").findValuesAsString("kind")).contains("NOTICE_SHOWN", "CONSENT_DECISION",
				"AUDIO_PROMPT_PLAYED", "PARTICIPANT_JOINED", "IMPLICIT_JOIN", "RECORDING_STARTED", "RECORDING_STOPPED");
		assertThat(export.get("texts").size()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void keypadConsentIsRecordedAndOtherKeysAreIgnored() { // X5
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "keyok");
		c.member(http, "Kim Key", "kim", "https://zoom.us/j/7300002");
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, c, "kim", "Keys", start, Duration.ofMinutes(60), null, Map.of()).get(0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start);
		webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", start, callId, botId));
		for (String digit : List.of("7", "1")) {
			Map<String, Object> keypad = event("evt-" + UUID.randomUUID(), "participant.keypad", start.plusSeconds(20),
					callId, botId);
			keypad.put("phone", "+4930123456");
			keypad.put("digit", digit);
			assertThat(webhook(http, keypad).status()).isEqualTo(200);
		}
		assertThat(jdbc.sql("""
				select outcome from consentpage.decisions where company_id = ?::uuid and participant_id = 'tel:+4930123456'""")
			.param(c.id()).query(String.class).list()).containsExactly("CONSENTED");
		assertThat(jdbc.sql("""
				select decision from evidence.records where company_id = ?::uuid and method = 'KEYPAD'""")
			.param(c.id()).query(String.class).list()).containsExactly("CONSENTED");
		assertThat(WireMockRecorder.stopsOf(botId)).isEmpty();
		assertThat(status(http, c, callId)).isEqualTo("RECORDING");
	}

}
