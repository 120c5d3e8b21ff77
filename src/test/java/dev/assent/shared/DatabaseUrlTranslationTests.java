package dev.assent.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code DATABASE_URL} selects an external PostgreSQL (API.md, start-up variables). */
class DatabaseUrlTranslationTests {

	@Test
	void translatesAPostgresUrlIntoDatasourceProperties() {
		var props = DatabaseUrlEnvironmentPostProcessor.translate("postgresql://assent:s%40cret@db.internal:6543/consent?sslmode=require");

		assertThat(props).containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/consent?sslmode=require")
			.containsEntry("spring.datasource.username", "assent")
			.containsEntry("spring.datasource.password", "s@cret");
	}

	@Test
	void defaultsThePortAndAcceptsThePostgresScheme() {
		assertThat(DatabaseUrlEnvironmentPostProcessor.translate("postgres://u@host/db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://host:5432/db");
	}

	@Test
	void rejectsSomethingThatIsNotAPostgresUrl() {
		assertThatThrownBy(() -> DatabaseUrlEnvironmentPostProcessor.translate("mysql://u@host/db"))
			.hasMessageContaining("postgresql://");
	}

}
