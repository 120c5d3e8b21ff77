package dev.assent.shared;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health probe asks the application's connection pool, and nothing else, about the database: it opens no
 * connection of its own (session 14: Boot's default asked the embedded database's migration DataSource too,
 * a new PostgreSQL connection on every probe). Health DOWN while the database is gone:
 * {@code DatabaseOutageIntegrationTests}.
 */
@AssentIntegrationTest
class DatabaseHealthIntegrationTests {

	@Autowired
	HealthContributorRegistry registry;

	@Test
	void theDatabasesHealthIsThePoolsOnly() {
		assertThat(registry.getContributor("db")).as("one check, of the pool — not one per DataSource")
			.isInstanceOf(HealthIndicator.class);
		HealthIndicator db = (HealthIndicator) registry.getContributor("db");

		assertThat(db.health().getStatus()).isEqualTo(Status.UP);
		assertThat(db.health().getDetails()).containsEntry("database", "PostgreSQL");
	}

}
