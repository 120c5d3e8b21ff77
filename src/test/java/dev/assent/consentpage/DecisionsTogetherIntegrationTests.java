package dev.assent.consentpage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AllAtOnce;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many participants deciding at the same moment (everyone clicks as the meeting starts): every
 * decision is stored exactly once with its own evidence, and each participant is sent on
 * (DESIGN.md hot path 2, PRODUCT C3, C10; group commit, docs/adr/0005).
 */
@AssentIntegrationTest
class DecisionsTogetherIntegrationTests {

	static final int PARTICIPANTS = 40;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void decisionsArrivingTogetherAreEachStoredOnceWithTheirOwnEvidence() throws Exception {
		Http admin = new Http(port);
		TestCompany c = TestCompany.create(admin, "crowd");
		String member = c.member(admin, "Cara Crowd", "cara", "https://zoom.us/j/4040").get("id").asString();
		String path = "/" + c.slug() + "/cara";

		List<Http> browsers = new ArrayList<>();
		List<Map<String, String>> forms = new ArrayList<>();
		for (int i = 0; i < PARTICIPANTS; i++) {
			Http browser = new Http(port);
			Map<String, String> form = Http.hiddenFields(browser.get(path).body());
			form.put("choice", i % 2 == 0 ? "RECORD" : "DONT_RECORD");
			browsers.add(browser);
			forms.add(form);
		}
		// The first participant double-clicks: the same page view's decision arrives twice, at once.
		browsers.add(browsers.get(0));
		forms.add(forms.get(0));

		List<Http.Response> answers = AllAtOnce.send(browsers.size(), i -> browsers.get(i).form(path, forms.get(i)));

		assertThat(answers).allSatisfy(r -> {
			assertThat(r.status()).isEqualTo(303);
			assertThat(r.header("Location")).isEqualTo("https://zoom.us/j/4040");
		});
		List<Map<String, Object>> decisions = jdbc.sql("""
				select id, participant_id, outcome from consentpage.decisions where member_id = ?::uuid order by seq""")
			.param(member)
			.query()
			.listOfRows();
		assertThat(decisions).hasSize(PARTICIPANTS);
		assertThat(decisions).extracting(d -> d.get("participant_id")).doesNotHaveDuplicates();
		assertThat(decisions).filteredOn(d -> d.get("outcome").equals("OPTED_OUT")).hasSize(PARTICIPANTS / 2);
		// Each decision has exactly one evidence record, naming it, for the same participant and outcome.
		for (Map<String, Object> d : decisions) {
			Map<String, Object> proof = jdbc.sql("""
					select participant, decision from evidence.records where shown_text::jsonb ->> 'decisionId' = ?""")
				.param(d.get("id").toString())
				.query()
				.singleRow();
			assertThat(proof.get("participant")).isEqualTo(d.get("participant_id"));
			assertThat(proof.get("decision")).isEqualTo(d.get("outcome"));
		}
		assertThat(jdbc.sql("select count(*) from evidence.records where member_id = ?::uuid and kind = 'CONSENT_DECISION'")
			.param(member)
			.query(Long.class)
			.single()).isEqualTo(PARTICIPANTS);
	}


	@Autowired
	ConsentManagement consents;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	/**
	 * Issue 7: a batch of decisions commits without waiting for the disk (so the company's evidence
	 * chain head is free sooner); {@link ConsentManagement#awaitDisk}, which the writer runs before
	 * answering anyone, returns only once the WAL is on disk up to and past that commit.
	 */
	@Autowired
	Decisions decisions;

	/**
	 * Issue 7 (session 14): the group commit's insert tells its transaction, in the same round trip, to commit
	 * without waiting for the disk and to run its statements with their generic plans — for that transaction
	 * only — and still answers exactly the decisions it stored (a page view's repeat, also within the batch, stores
	 * nothing).
	 */
	@Test
	void theGroupCommitsInsertSetsItsTransactionsSettingsAndAnswersWhatItStored() {
		java.util.UUID company = java.util.UUID.randomUUID();
		Decision first = decision(company);
		Decision repeat = decision(company);
		Map<String, Object> seen = tx.execute(s -> Map.of(
				"stored", decisions.insertAllOnTheHotPath(List.of(first, repeat), List.of("view-1", "view-1")),
				"synchronous_commit", jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single(),
				"plan_cache_mode", jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single()));

		assertThat(seen).containsEntry("stored", java.util.Set.of(first.id()))
			.containsEntry("synchronous_commit", "off")
			.containsEntry("plan_cache_mode", "force_generic_plan");
		assertThat(jdbc.sql("select count(*) from consentpage.decisions where company_id = ?").param(company)
			.query(Long.class).single()).isEqualTo(1);
		String next = tx.execute(s -> jdbc.sql("select current_setting('synchronous_commit') || ' ' || current_setting('plan_cache_mode')")
			.query(String.class).single());
		assertThat(next).as("the next transaction on the connection").isEqualTo("on auto");
	}

	static Decision decision(java.util.UUID company) {
		return new Decision(dev.assent.shared.Ids.timeOrdered(java.time.Instant.now()), company, java.util.UUID.randomUUID(),
				null, "p@example.com", Choice.DONT_RECORD, Outcome.OPTED_OUT, "sha", "en",
				List.of(Choice.RECORD, Choice.DONT_RECORD), java.util.UUID.randomUUID(), 1, "ZOOM", "https://zoom.us/j/1",
				java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
	}

	@Test
	void waitingForTheDiskCoversWhatWasCommittedWithoutWaitingForIt() {
		tx.executeWithoutResult(s -> {
			jdbc.sql("set local synchronous_commit = off").update();
			// A transaction id: its commit is a WAL record, written without waiting for the disk.
			jdbc.sql("select pg_current_xact_id()::text").query(String.class).single();
		});
		String written = jdbc.sql("select pg_current_wal_insert_lsn()::text").query(String.class).single();

		consents.awaitDisk(java.util.UUID.randomUUID());

		assertThat(jdbc.sql("select pg_current_wal_flush_lsn() >= ?::pg_lsn").param(written).query(Boolean.class).single())
			.as("the WAL is on disk past the commit made without waiting").isTrue();
	}
}
