package dev.assent.consentpage;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.accounts.CompanyManagement;
import dev.assent.consentpage.PageLinks.Found;
import dev.assent.shared.ConfigChanges;
import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7 (tenancy, P4 across nodes): when the node's LISTEN connection drops, notifications of
 * other nodes are missed — so after it listens again, every cached page is stale, also those of
 * companies this node never saw change.
 */
@AssentIntegrationTest
class PageCacheAfterReconnectIntegrationTests {

	@Autowired
	PageCache cache;

	@Autowired
	ConfigChanges changes;

	@Autowired
	CompanyManagement companies;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyCachedPageIsStaleAfterTheListenerReconnects() {
		UUID acme = companies.findBySlug("acme").orElseThrow().id();
		await().atMost(Duration.ofSeconds(10)).until(changes::listening);
		Found before = (Found) cache.lookup("acme", "michael");
		assertThat(cache.lookup("acme", "michael")).isSameAs(before);
		long generation = changes.generation(acme);

		// Another node's change could arrive while this one is not listening: drop its LISTEN connection.
		int terminated = jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where query = 'LISTEN assent_config'")
			.query(Integer.class)
			.single();
		assertThat(terminated).isEqualTo(1);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> changes.listening() && changes.generation(acme) >= generation + 2);
		Found after = (Found) cache.lookup("acme", "michael");
		assertThat(after).isNotSameAs(before);
		assertThat(after.generation()).isGreaterThan(before.generation());
		assertThat(cache.lookup("acme", "michael")).isSameAs(after);
	}

}
