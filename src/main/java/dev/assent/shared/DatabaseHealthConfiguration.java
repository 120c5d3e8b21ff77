package dev.assent.shared;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database's health is the application's connection pool's. Spring Boot's own check asks every
 * {@link DataSource}, and with the embedded database that includes the migrations' one
 * ({@code flywayDataSource}), which has no pool: every health request opened a new PostgreSQL connection
 * as the superuser — ~75 ms and ~40 ms of the database's CPU per request, measured (session 14), for a
 * probe that load balancers call every few seconds. A bean of this name replaces Boot's.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

	@Bean
	HealthIndicator dbHealthIndicator(DataSource dataSource) {
		return new DataSourceHealthIndicator(dataSource);
	}

}
