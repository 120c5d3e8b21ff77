package dev.assent.shared;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL ({@code assent.db.*}), used when no external database is configured.
 *
 * @param dataDir where its data lives; survives restarts
 * @param port its port; {@code 0}: a free one
 * @param startupWait how long a start waits for it to accept connections (after a crash it replays its WAL first)
 * @param poolSize the application's connections to it
 * @param server more settings of the server ({@code assent.db.server.<name>=<value>}, e.g. {@code shared_buffers},
 *        or {@code shared_preload_libraries=pg_stat_statements} for bench/optout's PG_STATS); fsync and synchronous
 *        commit stay on whatever is given
 */
@ConfigurationProperties("assent.db")
record EmbeddedDatabaseSettings(@DefaultValue("./data/pg") String dataDir, @DefaultValue("0") int port,
		@DefaultValue("60s") Duration startupWait, @DefaultValue("16") int poolSize,
		@DefaultValue Map<String, String> server) {

}
