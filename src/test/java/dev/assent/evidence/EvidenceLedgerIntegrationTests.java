package dev.assent.evidence;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.accounts.CompanyManagement;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The consent ledger proves itself (PRODUCT X1, issue 12): every decision is a link of its
 * company's hash chain, a row changed behind the application's back is found and named, the
 * application's own database role cannot change ledger rows, and exports carry their own hash and
 * the chain position they were made at.
 */
@AssentIntegrationTest
class EvidenceLedgerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	MutableClock clock;

	@Autowired
	LedgerVerification verification;

	@Autowired
	EvidenceLedger ledger;

	@Autowired
	CompanyManagement companies;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	private void decide(TestCompany c, String member, String choice) {
		Http browser = new Http(port);
		Map<String, String> form = Http.hiddenFields(browser.get("/" + c.slug() + "/" + member).body());
		form.put("choice", choice);
		assertThat(browser.form("/" + c.slug() + "/" + member, form).status()).isEqualTo(303);
	}

	private void asSuperuser(String... sql) throws Exception {
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("set session_replication_role = replica"); // the triggers do not fire
			for (String statement : sql) {
				s.execute(statement);
			}
		}
	}

	private List<Map<String, Object>> records(TestCompany c) {
		return jdbc.sql("select id, link_seq, link_pos from evidence.records where company_id = ?::uuid order by link_seq, link_pos")
			.param(c.id())
			.query()
			.listOfRows();
	}

	/** Pages served are recorded off the request path (ShownLog): wait until they are. */
	private void awaitShown(TestCompany c, int n) {
		await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from evidence.records where company_id = ?::uuid and kind = 'NOTICE_SHOWN'")
				.param(c.id())
				.query(Long.class)
				.single() >= n);
	}

	@Test
	void everyDecisionIsChainedAndTheChainVerifies() { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "chain");
		c.member(http, "Cora Chain", "cora", "https://zoom.us/j/501");
		decide(c, "cora", "RECORD");
		decide(c, "cora", "DONT_RECORD");
		decide(c, "cora", "RECORD");

		awaitShown(c, 3);
		JsonNode result = c.get(http, "/api/v1/evidence/verification");

		assertThat(result.get("intact").asBoolean()).isTrue();
		// each page served (NOTICE_SHOWN) and each decision
		assertThat(result.get("records").asLong()).isEqualTo(6);
		assertThat(result.get("links").asLong()).isBetween(2L, 6L);
		assertThat(result.get("head").get("sha256").asString()).hasSize(64);
		List<Map<String, Object>> rows = records(c);
		assertThat(rows).allSatisfy(r -> assertThat(r.get("link_seq")).isNotNull());
		String texts = jdbc.sql("""
				select t.content from evidence.texts t join evidence.records r on r.text_sha256 = t.sha256
				where r.company_id = ?::uuid limit 1""").param(c.id()).query(String.class).single();
		assertThat(texts).contains("records meetings to keep accurate notes");
	}

	@Test
	void aChainVerifiedWhileItGrowsIsReportedIntact() throws Exception { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "growing");
		UUID company = UUID.fromString(c.id());
		TransactionTemplate tx = context.getBean(TransactionTemplate.class);
		EvidenceLedger ledger = context.getBean(EvidenceLedger.class);
		// A bounded writer (the chain stays small) appends link after link while the chain is verified again and again.
		Thread writer = new Thread(() -> {
			for (int i = 0; i < 2000; i++) {
				tx.executeWithoutResult(s -> ledger.appendAll(List.of(new NewEvidence(company, null, null,
						"p-" + UUID.randomUUID(), "NOTICE_SHOWN", "PAGE", "NONE", Map.of("n", 1), Instant.now()))));
			}
		});
		writer.start();
		int walks = 0;
		while (writer.isAlive() || walks < 10) {
			LedgerVerification.Result result = verification.verify(company);
			assertThat(result.intact()).as("walk %d: %s", walks, result.firstBroken()).isTrue();
			walks++;
		}
		writer.join();
		assertThat(verification.verify(company).intact()).isTrue();
	}

	@Test
	void aRecordChangedBySuperuserIsDetectedAndLocated() throws Exception { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "tamper");
		TestCompany other = TestCompany.create(http, "bystander");
		c.member(http, "Tia Tamper", "tia", "https://zoom.us/j/502");
		other.member(http, "Otto Other", "otto", "https://zoom.us/j/503");
		decide(c, "tia", "DONT_RECORD");
		decide(other, "otto", "RECORD");
		decide(c, "tia", "RECORD");
		decide(c, "tia", "DONT_RECORD");
		Map<String, Object> victim = records(c).get(1);

		asSuperuser("update evidence.records set decision = 'NOT_ASKED' where id = '" + victim.get("id") + "'");

		JsonNode result = c.get(http, "/api/v1/evidence/verification");
		assertThat(result.get("intact").asBoolean()).isFalse();
		assertThat(result.get("firstBroken").get("recordId").asString()).isEqualTo(victim.get("id").toString());
		assertThat(result.get("firstBroken").get("linkSeq").asLong()).isEqualTo(((Number) victim.get("link_seq")).longValue());
		assertThat(result.get("firstBroken").get("problem").asString()).contains("does not match its hash");
		assertThat(other.get(http, "/api/v1/evidence/verification").get("intact").asBoolean()).isTrue();
	}

	@Test
	void theShownJsonIsCheckedAgainstTheTextItsHashWasTakenOverAndOlderRecordsStillVerify() throws Exception { // X1, issues 7 and 12
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "shown");
		UUID member = UUID.fromString(c.member(http, "Sid Shown", "sid", "https://zoom.us/j/505").get("id").asString());
		decide(c, "sid", "RECORD");
		decide(c, "sid", "DONT_RECORD");
		decide(c, "sid", "RECORD");
		List<Map<String, Object>> rows = records(c);
		UUID company = UUID.fromString(c.id());
		// Each new record keeps what was shown once: the exact text its hash was taken over (V91).
		assertThat(jdbc.sql("select count(*) filter (where shown_text is null), count(*) filter (where shown is not null)"
				+ " from evidence.records where company_id = ?::uuid")
			.param(c.id())
			.query((rs, i) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(0, 0);
		assertThat(ledger.forMember(company, member, 10))
			.allSatisfy(r -> assertThat(r.shown()).containsKeys("language", "noticeSha256", "profileId"));
		// records made before V76 keep no shown_text, only the JSONB: verified by re-serialising it, as they were hashed
		asSuperuser("update evidence.records set shown = shown_text::jsonb, shown_text = null where id = '"
				+ rows.get(0).get("id") + "'");
		// records made between V76 and V91 keep both
		asSuperuser("update evidence.records set shown = shown_text::jsonb where id = '" + rows.get(1).get("id") + "'");
		assertThat(verification.verify(company).intact()).isTrue();
		assertThat(ledger.forMember(company, member, 10))
			.allSatisfy(r -> assertThat(r.shown()).containsKeys("language", "noticeSha256", "profileId"));

		// the text hashed is intact, but what exports read of a record keeping both (shown) was changed
		Map<String, Object> victim = rows.get(1);
		asSuperuser("update evidence.records set shown = shown || '{\"language\": \"fr\"}' where id = '" + victim.get("id") + "'");

		LedgerVerification.Result result = verification.verify(company);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBroken().recordId()).isEqualTo(victim.get("id"));
		assertThat(result.firstBroken().problem()).contains("does not match its hash");
	}

	@Test
	void aRecordRehashedOrARemovedLinkBreaksTheChainAtThatLink() throws Exception { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "rehash");
		c.member(http, "Rex Rehash", "rex", "https://zoom.us/j/504");
		for (int i = 0; i < 4; i++) {
			decide(c, "rex", i % 2 == 0 ? "RECORD" : "DONT_RECORD");
		}
		List<Map<String, Object>> rows = records(c);
		Map<String, Object> first = rows.get(0);
		long lastSeq = ((Number) rows.get(rows.size() - 1).get("link_seq")).longValue();
		// a careful forger recomputes the record's own hash: its link no longer matches
		asSuperuser("update evidence.records set content_sha256 = repeat('a', 64) where id = '" + first.get("id") + "'");
		LedgerVerification.Result rehashed = verification.verify(UUID.fromString(c.id()));
		assertThat(rehashed.firstBroken()).isNotNull();
		assertThat(rehashed.firstBroken().linkSeq()).isEqualTo(((Number) first.get("link_seq")).longValue());

		TestCompany d = TestCompany.create(http, "unlink");
		d.member(http, "Una Unlink", "una", "https://zoom.us/j/505");
		for (int i = 0; i < 3; i++) {
			decide(d, "una", "RECORD");
		}
		List<Map<String, Object>> dRows = records(d);
		long middle = ((Number) dRows.get(1).get("link_seq")).longValue();
		asSuperuser("delete from evidence.records where company_id = '" + d.id() + "' and link_seq = " + middle,
				"delete from evidence.links where company_id = '" + d.id() + "' and seq = " + middle);
		LedgerVerification.Result unlinked = verification.verify(UUID.fromString(d.id()));
		assertThat(unlinked.intact()).isFalse();
		assertThat(unlinked.firstBroken().linkSeq()).isEqualTo(middle);
		assertThat(unlinked.firstBroken().problem()).contains("missing");
		assertThat(lastSeq).isPositive();
	}

	@Test
	void theApplicationsRoleCannotUpdateOrDeleteLedgerRows() { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "role");
		c.member(http, "Rob Role", "rob", "https://zoom.us/j/506");
		decide(c, "rob", "RECORD");

		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("assent_app");
		for (String sql : List.of("update evidence.records set decision = 'CONSENTED' where company_id = ?::uuid",
				"delete from evidence.records where company_id = ?::uuid",
				"update evidence.links set sha256 = 'x' where company_id = ?::uuid",
				"delete from evidence.links where company_id = ?::uuid")) {
			assertThatThrownBy(() -> jdbc.sql(sql).param(c.id()).update()).as(sql)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		assertThatThrownBy(() -> jdbc.sql("truncate evidence.records").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("alter table evidence.records disable trigger all").update()).rootCause()
			.hasMessageContaining("must be owner");
	}

	@Test
	void theCommandLineNamesTheBrokenChainAndExitsNonZero() throws Exception { // X1
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "cli");
		c.member(http, "Cleo Cli", "cleo", "https://zoom.us/j/507");
		decide(c, "cleo", "RECORD");
		awaitShown(c, 1);
		LedgerCommandLine cli = new LedgerCommandLine(verification, companies, context);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		assertThat(cli.verify(c.slug(), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("intact: 2 links, 2 records");

		asSuperuser("update evidence.records set participant = 'someone-else' where company_id = '" + c.id() + "'");
		out.reset();
		assertThat(cli.verify(c.slug(), new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at link 1, record");
		assertThat(cli.verify("no-such-company", new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);
	}

	@Test
	void theEvidenceOfACallIsExportedWithItsHashChainPositionAndNoticeAsJsonAndPdf() throws Exception { // X1
		clock.set(Instant.parse("2031-01-10T09:55:00Z"));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "export");
		c.member(http, "Evi Export", "evi", "https://zoom.us/j/508");
		Map<String, Object> meeting = new LinkedHashMap<>();
		meeting.put("title", "Quarterly review");
		meeting.put("organizerEmail", "evi@" + c.slug() + ".example");
		meeting.put("start", "2031-01-10T10:00");
		meeting.put("end", "2031-01-10T11:00");
		meeting.put("timeZone", "UTC");
		meeting.put("invitees", List.of(Map.of("email", "buyer@customer.example")));
		String callId = c.post(http, "/api/v1/meetings", meeting).get("occurrences").get(0).get("callId").asString();
		decide(c, "evi", "RECORD");
		decide(c, "evi", "DONT_RECORD");
		awaitShown(c, 2);

		Http.Response r = http.get("/api/v1/calls/" + callId + "/evidence", c.apiToken());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode export = r.json();
		assertThat(EvidenceExports.selfConsistent(r.body())).isTrue();
		assertThat(r.header("X-Assent-Export-Sha256")).isEqualTo(export.get("exportSha256").asString());
		assertThat(export.get("subject").get("title").asString()).isEqualTo("Quarterly review");
		assertThat(export.get("records")).hasSize(4);
		List<JsonNode> decisions = new java.util.ArrayList<>();
		export.get("records").forEach(n -> {
			if (n.get("kind").asString().equals("CONSENT_DECISION")) {
				decisions.add(n);
			}
		});
		assertThat(decisions).hasSize(2);
		assertThat(decisions.get(1).get("decision").asString()).isEqualTo("OPTED_OUT");
		assertThat(export.get("records").get(0).get("link").get("sha256").asString()).hasSize(64);
		assertThat(export.get("chainPosition").get("seq").asLong()).isPositive();
		assertThat(export.get("texts").get(0).get("content").asString()).contains("records meetings to keep accurate notes");
		assertThat(EvidenceExports.selfConsistent(r.body().replace("OPTED_OUT", "CONSENTED"))).isFalse();

		HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/calls/" + callId + "/evidence"))
				.header("Authorization", "Bearer " + c.apiToken())
				.header("Accept", "application/pdf")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		try (PDDocument doc = Loader.loadPDF(pdf.body())) {
			String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
			assertThat(text).contains("Quarterly review", "OPTED_OUT", "records meetings to keep",
					pdf.headers().firstValue("X-Assent-Export-Sha256").orElseThrow().substring(0, 20));
		}

		TestCompany stranger = TestCompany.create(http, "stranger");
		assertThat(http.get("/api/v1/calls/" + callId + "/evidence", stranger.apiToken()).status()).isEqualTo(404);
	}

}
