package dev.assent.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;


import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from the binaries shipped in a Maven artifact when no external database
 * is configured. Data lives under {@code assent.db.data-dir} (default {@code ./data/pg}) and
 * survives restarts; fsync and synchronous commit are on, so an acknowledged write is durable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	/**
	 * More settings of the embedded server ({@code assent.db.server.<name>=<value>}, e.g.
	 * {@code shared_buffers}, or {@code shared_preload_libraries=pg_stat_statements} for
	 * bench/optout's PG_STATS); fsync and synchronous commit stay on whatever is given.
	 */
	@Bean
	@ConfigurationProperties("assent.db")
	ServerSettings embeddedServerSettings() {
		return new ServerSettings();
	}

	/** {@code assent.db.server.*}. */
	static class ServerSettings {

		private final Map<String, String> server = new LinkedHashMap<>();

		public Map<String, String> getServer() {
			return server;
		}

	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${assent.db.data-dir:./data/pg}") String dataDir,
			@Value("${assent.db.port:0}") int port, ServerSettings embeddedServerSettings) throws IOException {
		Path dir = Path.of(dataDir).toAbsolutePath().normalize();
		Files.createDirectories(dir.getParent());
		// A crash of Assent leaves its PostgreSQL running on this folder: stop it first.
		OrphanedPostgres.stopIfRunning(dir, Duration.ofSeconds(30));
		var builder = EmbeddedPostgres.builder();
		embeddedServerSettings.getServer().forEach(builder::setServerConfig);
		builder.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "200");
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dir);
		return postgres;
	}

	/** The pool's timeouts ({@code spring.datasource.hikari.*}, application.yml) apply here as to an external database. */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres, @Value("${assent.db.pool-size:16}") int poolSize) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setDriverClassName("org.postgresql.Driver");
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(poolSize);
		dataSource.setPoolName("assent");
		return dataSource;
	}

}
