package dev.assent.shared;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Starting the embedded PostgreSQL (issue 7, "comes up by itself"): how long a start waits is the
 * operator's ({@code assent.db.startup-wait}), and a start that gives up leaves no server behind
 * holding the data folder — so the next start (a new process) finds the folder free.
 */
class EmbeddedDatabaseStartTests {

	final EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

	@Test
	void aStartThatGivesUpWaitingLeavesNoServerRunningOnTheFolder(@TempDir Path folder) throws Exception {
		Path data = folder.resolve("pg");

		assertThatIOException()
			.isThrownBy(() -> configuration.embeddedPostgres(
					new EmbeddedDatabaseSettings(data.toString(), 0, Duration.ofMillis(1), 16, Map.of())))
			.withMessageContaining("Gave up waiting for server to start after 1ms");

		assertThat(OrphanedPostgres.find(data)).as("a postmaster of the folder").isEmpty();
		assertThat(processesServing(data)).as("processes serving the folder").isEmpty();
	}

	static List<String> processesServing(Path data) {
		return ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.map(p -> p.info().commandLine().orElse(""))
			.filter(line -> line.contains("postgres") && line.contains(data.toString()))
			.toList();
	}

}
