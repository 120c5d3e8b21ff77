package dev.assent.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts an embedded PostgreSQL cluster by its data folder, as an operator (or a crash)
 * would: {@code pg_ctl stop -m fast}, then {@code pg_ctl start} with the options it last ran with
 * ({@code postmaster.opts}), so the port and settings stay the same.
 */
public final class PostgresControl {

	private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final Path dataDir;

	private final List<String> command;

	private PostgresControl(Path dataDir, List<String> command) {
		this.dataDir = dataDir;
		this.command = command;
	}

	/** Reads how the running cluster of this data folder was started. */
	public static PostgresControl of(Path dataDir) throws IOException {
		String opts = Files.readString(dataDir.resolve("postmaster.opts")).trim();
		List<String> command = new ArrayList<>();
		int firstQuote = opts.indexOf('"');
		command.add(opts.substring(0, firstQuote).trim());
		Matcher m = QUOTED.matcher(opts.substring(firstQuote));
		while (m.find()) {
			command.add(m.group(1));
		}
		return new PostgresControl(dataDir, command);
	}

	/** The postmaster's pid from {@code postmaster.pid}, when the file is there. */
	public static Optional<Long> postmasterPid(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
	}

	/** The port in {@code postmaster.pid} (its fourth line). */
	public static int port(Path dataDir) throws IOException {
		return Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
	}

	private Path pgCtl() {
		return Path.of(command.get(0)).resolveSibling("pg_ctl");
	}

	/** Fast shutdown (SIGINT to the postmaster), waiting until it has exited. */
	public void stop() throws IOException, InterruptedException {
		long pid = postmasterPid(dataDir).orElseThrow(() -> new IllegalStateException("no postmaster.pid in " + dataDir));
		ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
		run(List.of("kill", "-INT", Long.toString(pid)));
		try {
			postmaster.onExit().get(60, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop", ex);
		}
	}

	public void start() throws IOException, InterruptedException {
		// Everything after "-D <dir>" are the server's own options.
		List<String> options = new ArrayList<>();
		for (int i = 1; i < command.size(); i++) {
			if ("-D".equals(command.get(i))) {
				i++;
				continue;
			}
			options.add(command.get(i));
		}
		List<String> cmd = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			// As the embedded library does: PostgreSQL refuses to run as root, so run it in a user namespace.
			cmd.addAll(List.of("unshare", "-U"));
		}
		cmd.addAll(List.of(pgCtl().toString(), "-D", dataDir.toString(), "-o", String.join(" ", options), "-l",
				dataDir.resolveSibling(dataDir.getFileName() + "-restart.log").toString(), "-w", "start"));
		run(cmd);
	}

	private static void run(List<String> cmd) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
		}
	}

}
