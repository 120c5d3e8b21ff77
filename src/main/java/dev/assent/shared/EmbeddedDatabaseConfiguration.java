package dev.assent.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
	 * Starts the server on {@code assent.db.data-dir} and waits up to {@code assent.db.startup-wait}
	 * ({@link EmbeddedDatabaseSettings}, default 60 s) for it to accept connections: after a crash it
	 * first replays its WAL, and on a busy machine even a clean start can take more than the
	 * library's 10 s. A start that fails leaves no server behind on the folder.
	 */
	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseSettings settings) throws IOException {
		Path dir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
		Files.createDirectories(dir.getParent());
		// A crash of Assent leaves its PostgreSQL running on this folder: stop it first.
		OrphanedPostgres.stopIfRunning(dir, Duration.ofSeconds(30));
		var builder = EmbeddedPostgres.builder();
		settings.server().forEach(builder::setServerConfig);
		builder.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(settings.startupWait())
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "200");
		if (settings.port() > 0) {
			builder.setPort(settings.port());
		}
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			// The library gives up waiting but leaves the server it launched running: stop it, so
			// that the folder is free for the next start rather than held by an orphan.
			try {
				OrphanedPostgres.stopAfterFailedStart(dir, Duration.ofSeconds(5), Duration.ofSeconds(30));
			}
			catch (IOException | RuntimeException notStopped) {
				ex.addSuppressed(notStopped);
			}
			throw ex;
		}
		log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dir);
		return postgres;
	}

	/** The pool's timeouts ({@code spring.datasource.hikari.*}, application.yml) apply here as to an external database. */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseSettings settings) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setDriverClassName("org.postgresql.Driver");
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(settings.poolSize());
		dataSource.setPoolName("assent");
		return dataSource;
	}

}
