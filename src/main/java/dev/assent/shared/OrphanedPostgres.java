package dev.assent.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash of Assent (kill -9, the OOM killer) its embedded PostgreSQL keeps running on its
 * own — it runs in its own process group — and holds the data folder: the next start would fail
 * on {@code postmaster.pid}. Before starting, this finds such an orphan by the data folder's
 * {@code postmaster.pid}, makes sure it is a PostgreSQL serving this very folder, and stops it
 * with a fast shutdown (SIGINT: open transactions roll back, committed ones are on disk), then an
 * immediate one (SIGQUIT) if it does not go; the start then proceeds as usual (STACK gotcha 12).
 */
final class OrphanedPostgres {

	private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);

	private OrphanedPostgres() {
	}

	/** Stops the PostgreSQL left running on this data folder, if any; true when there was one. */
	static boolean stopIfRunning(Path dataDir, Duration patience) throws IOException {
		Optional<ProcessHandle> orphan = find(dataDir);
		if (orphan.isEmpty()) {
			return false;
		}
		ProcessHandle postmaster = orphan.get();
		log.warn("PostgreSQL (pid {}) is still running on {} — left over from a crash of Assent; stopping it",
				postmaster.pid(), dataDir);
		return stop(postmaster, dataDir, patience);
	}

	/**
	 * After a start that failed (the server did not accept connections in time): stops the server
	 * launched on this folder, waiting up to {@code appear} for it to write its {@code postmaster.pid}
	 * (a server still starting may not have yet); true when there was one.
	 */
	static boolean stopAfterFailedStart(Path dataDir, Duration appear, Duration patience) throws IOException {
		long deadline = System.nanoTime() + appear.toNanos();
		Optional<ProcessHandle> launched = find(dataDir);
		while (launched.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			launched = find(dataDir);
		}
		if (launched.isEmpty()) {
			return false;
		}
		log.warn("PostgreSQL (pid {}) on {} did not start in time; stopping it", launched.get().pid(), dataDir);
		return stop(launched.get(), dataDir, patience);
	}

	private static boolean stop(ProcessHandle postmaster, Path dataDir, Duration patience) {
		if (signal("INT", postmaster) && exited(postmaster, patience)) {
			log.info("PostgreSQL (pid {}) on {} stopped", postmaster.pid(), dataDir);
			return true;
		}
		log.warn("PostgreSQL (pid {}) did not stop within {}; immediate shutdown", postmaster.pid(), patience);
		if (signal("QUIT", postmaster) && exited(postmaster, patience)) {
			return true;
		}
		throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") still runs on " + dataDir
				+ " and could not be stopped; stop it by hand and start Assent again");
	}

	/** The live postmaster of this data folder according to its {@code postmaster.pid}, if any. */
	static Optional<ProcessHandle> find(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.size() < 2) {
			return Optional.empty();
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (pid <= 1 || pid == ProcessHandle.current().pid()) {
			return Optional.empty();
		}
		// A stale file (the postmaster died too, its pid reused by another program) is left to
		// PostgreSQL, which checks it itself: only a postgres serving this folder is stopped.
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> servesFolder(p, dataDir, lines.get(1)));
	}

	private static boolean servesFolder(ProcessHandle process, Path dataDir, String folderInPidFile) {
		String command = process.info().command().orElse("");
		String cmdline = cmdline(process.pid());
		boolean postgres = command.endsWith("/postgres") || cmdline.contains("postgres");
		Path folder = Path.of(folderInPidFile.trim()).toAbsolutePath().normalize();
		boolean ours = folder.equals(dataDir.toAbsolutePath().normalize()) || cmdline.contains(dataDir.toString());
		return postgres && ours;
	}

	private static String cmdline(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	private static boolean signal(String signal, ProcessHandle process) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true)
				.start();
			return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean exited(ProcessHandle process, Duration patience) {
		try {
			process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
