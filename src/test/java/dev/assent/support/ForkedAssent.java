package dev.assent.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assent in a JVM of its own, in a process group of its own ({@code setsid}), as a service
 * manager runs it — so a test can kill it the hard way ({@code kill -9} of the whole group) and
 * see what the next start does.
 */
public final class ForkedAssent implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ForkedAssent(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts Assent with these arguments (plus a free port) and waits until its health is UP. */
	public static ForkedAssent start(Path log, String... args) throws IOException, InterruptedException {
		int port = freePort();
		List<String> cmd = new ArrayList<>(List.of("setsid",
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), "dev.assent.AssentApplication", "--server.port=" + port,
				"--logging.level.root=warn", "--logging.level.dev.assent=info",
				"--logging.level.dev.assent.shared=info"));
		cmd.addAll(List.of(args));
		Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		ForkedAssent app = new ForkedAssent(process, port, log);
		app.awaitHealthy(Duration.ofSeconds(120));
		return app;
	}

	public int port() {
		return port;
	}

	public long pid() {
		return process.pid();
	}

	public Path log() {
		return log;
	}

	private void awaitHealthy(Duration patience) throws InterruptedException, IOException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant until = Instant.now().plus(patience);
		while (Instant.now().isBefore(until)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Assent exited with " + process.exitValue() + "; see " + log);
			}
			try {
				HttpResponse<String> r = client.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		throw new IllegalStateException("Assent did not come up within " + patience + "; see " + log);
	}

	/** {@code kill -9} of Assent's whole process group, as a crash or the OOM killer would. */
	public void killHard() throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-9", "--", "-" + process.pid()).redirectErrorStream(true).start();
		kill.waitFor(10, TimeUnit.SECONDS);
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Assent (pid " + process.pid() + ") survived kill -9");
		}
	}

	/** Stops Assent normally (SIGTERM), or hard if it does not go within 30 s. */
	@Override
	public void close() throws IOException, InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				killHard();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
