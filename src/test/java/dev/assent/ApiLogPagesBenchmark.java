package dev.assent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

/**
 * Issue 11 (bench/api-logs/run.sh): how the API's log pages — decisions, emails, recorder commands —
 * answer on a company with many rows among other companies' rows: the plan PostgreSQL picks for
 * each page query (EXPLAIN ANALYZE, printed) and the time of the first and of a deep page over HTTP.
 * Rows are written straight into the tables (as the database owner). Runs only with
 * {@code -Dassent.bench=true}; {@code -Dassent.bench.rows} rows per table for the company (default
 * 200,000) and as many for 20 other companies.
 */
@AssentIntegrationTest
@EnabledIfSystemProperty(named = "assent.bench", matches = "true")
class ApiLogPagesBenchmark {

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedPostgres postgres;

	int missed;

	@Test
	void pagesOfTheLogsAnswerFromAnIndexRangeNotASortOfTheCompanysRows() {
		int rows = Integer.getInteger("assent.bench.rows", 200_000);
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "logbench");
		UUID company = UUID.fromString(c.id());
		JdbcClient owner = JdbcClient.create(owner());
		long seeded = System.nanoTime();
		seed(owner, company, rows);
		for (int i = 0; i < 20; i++) {
			seed(owner, UUID.randomUUID(), rows / 20);
		}
		owner.sql("analyze consentpage.decisions").update();
		owner.sql("analyze notifications.emails").update();
		owner.sql("analyze recording.commands").update();
		System.out.printf("BENCH api-logs: seeded %d rows per table for the company and %d for 20 others in %d ms%n", rows,
				rows, (System.nanoTime() - seeded) / 1_000_000);

		explain(owner, "decisions, first page", """
				select * from consentpage.decisions where company_id = ? order by decided_at desc, seq desc limit 101""",
				company);
		explain(owner, "decisions, a deep page", """
				select * from consentpage.decisions where company_id = ? and (decided_at, seq) < (now() - interval '10 days', 0)
				order by decided_at desc, seq desc limit 101""", company);
		explain(owner, "emails, first page", """
				select id, reason, recipient, recipient_name, language, subject, status, attempts, last_error, transport,
				    run_id, created_at, sent_at
				from notifications.emails where company_id = ? order by created_at desc, id desc limit 51""", company);
		explain(owner, "emails, failed only", """
				select id, reason, recipient, recipient_name, language, subject, status, attempts, last_error, transport,
				    run_id, created_at, sent_at
				from notifications.emails where company_id = ? and status = 'FAILED' order by created_at desc, id desc limit 51""",
				company);
		explain(owner, "commands, first page", """
				select * from recording.commands where company_id = ? order by created_at desc, id desc limit 51""", company);
		explain(owner, "commands, a deep page", """
				select * from recording.commands where company_id = ?
				  and (created_at, id) < (now() - interval '10 days', '00000000-0000-0000-0000-000000000000'::uuid)
				order by created_at desc, id desc limit 51""", company);

		long postmaster = parentOf(owner.sql("select pg_backend_pid()").query(Long.class).single());
		for (String path : List.of("/api/v1/consent-decisions?size=100", "/api/v1/emails?size=50",
				"/api/v1/recorder/commands?size=50")) {
			List<Long> first = new ArrayList<>();
			List<Long> deep = new ArrayList<>();
			String cursor = null;
			long cpu = cpuMillis(postmaster);
			for (int page = 0; page < 200; page++) {
				long t = System.nanoTime();
				JsonNode answer = c.get(http, path + (cursor == null ? "" : "&cursor=" + cursor));
				(page == 0 ? first : deep).add((System.nanoTime() - t) / 1000);
				cursor = answer.get("nextCursor").asString();
			}
			for (int i = 0; i < 20; i++) {
				long t = System.nanoTime();
				c.get(http, path);
				first.add((System.nanoTime() - t) / 1000);
			}
			double cpuPerRequest = (cpuMillis(postmaster) - cpu) / (double) (first.size() + deep.size());
			deep.sort(null);
			first.sort(null);
			System.out.printf("BENCH api-logs: %s first page p50 %.1f ms (%d runs), pages 2-200 p50 %.1f ms p99 %.1f ms;"
					+ " CPU %.1f ms per request (this JVM with its HTTP client, and PostgreSQL); load average %.1f%n", path,
					first.get(first.size() / 2) / 1000.0, first.size(), deep.get(deep.size() / 2) / 1000.0,
					deep.get((int) (deep.size() * 0.99)) / 1000.0, cpuPerRequest,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
		System.out.println("BENCH api-logs: " + (missed == 0 ? "TARGET MET" : "TARGET MISSED") + ": " + missed
				+ " page queries sort or scan the company's rows");
	}

	/** CPU time (ms) of this JVM and of the PostgreSQL postmaster with all its processes, from /proc. */
	private static long cpuMillis(long postmaster) {
		long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		long ticks = 0;
		try (var dirs = Files.list(Path.of("/proc"))) {
			for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
				String[] stat = stat(dir);
				boolean isPostmaster = Long.parseLong(dir.getFileName().toString()) == postmaster;
				if (stat != null && (isPostmaster || Long.parseLong(stat[1]) == postmaster)) {
					ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
					if (isPostmaster) { // processes that ended: their time went to the postmaster's children's
						ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return jvm + ticks * 1000 / 100; // USER_HZ is 100 on Linux
	}

	private static long parentOf(long pid) {
		return Long.parseLong(stat(Path.of("/proc", Long.toString(pid)))[1]);
	}

	/** The fields of /proc/<pid>/stat after the command name: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
	private static String @Nullable [] stat(Path dir) {
		try {
			String line = Files.readString(dir.resolve("stat"));
			return line.substring(line.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException ex) {
			return null; // the process ended meanwhile
		}
	}

	private DataSource owner() {
		return postgres.getPostgresDatabase();
	}

	/** {@code rows} decisions, emails and recorder commands of one company, one a minute back from now. */
	private static void seed(JdbcClient owner, UUID company, int rows) {
		owner.sql("""
				insert into consentpage.decisions (id, company_id, member_id, call_id, participant_id, choice, outcome, view_key,
				    notice_sha256, language, choices_offered, profile_id, profile_version, provider, join_url, decided_at)
				select gen_random_uuid(), ?, ?, gen_random_uuid(), 'p-' || n, 'RECORD', 'CONSENTED', 'bench-' || n,
				    repeat('a', 64), 'en', '{RECORD,DONT_RECORD}', ?, 1, 'ZOOM', 'https://zoom.us/j/1',
				    now() - make_interval(mins => n)
				from generate_series(1, ?) n""")
			.params(company, UUID.randomUUID(), UUID.randomUUID(), rows)
			.update();
		owner.sql("""
				insert into notifications.emails (id, company_id, reason, recipient, occurrence, language, subject, text_body,
				    html_body, status, attempts, next_attempt_at, created_at, last_error)
				select gen_random_uuid(), ?, 'PRE_CALL', 'bench-' || n || '@' || ? || '.example', 'call-' || n, 'en',
				    'Your call is recorded', repeat('text ', 200), repeat('<p>html</p>', 200),
				    case when n % 100 = 0 then 'FAILED' else 'SENT' end, 1, now(), now() - make_interval(mins => n),
				    case when n % 100 = 0 then '550 mailbox unavailable' end
				from generate_series(1, ?) n""")
			.params(company, company.toString(), rows)
			.update();
		owner.sql("""
				insert into recording.commands (id, company_id, call_id, kind, payload, idempotency_key, status, attempts,
				    next_attempt_at, created_at, sent_at, bot_id)
				select gen_random_uuid(), ?, gen_random_uuid(), 'RECORD', '{}', 'bench-' || gen_random_uuid(), 'SENT', 1,
				    now(), now() - make_interval(mins => n), now() - make_interval(mins => n), 'bot-' || n
				from generate_series(1, ?) n""")
			.params(company, rows)
			.update();
	}

	/**
	 * Prints the plan and whether it meets the target: the page comes from an index range in the
	 * page's order — no sort of the company's rows, no sequential scan.
	 */
	private void explain(JdbcClient owner, String what, String sql, UUID company) {
		List<String> plan = owner.sql("explain (analyze, buffers) " + sql).param(company).query(String.class).list();
		boolean met = plan.stream().noneMatch(line -> line.contains("Sort") || line.contains("Seq Scan"));
		System.out.println("BENCH api-logs EXPLAIN " + what + ": TARGET " + (met ? "MET" : "MISSED")
				+ " (no sort, no sequential scan)\n  " + String.join("\n  ", plan));
		missed += met ? 0 : 1;
	}

}
