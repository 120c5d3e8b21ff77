package dev.assent.recording.recorderapi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSignatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How Assent's recorder client uses the machine (issue 7, capacity): each command is one request
 * on the sending thread over a kept-alive connection — no thread started per command, no new
 * connection per command.
 */
class RecorderHttpTests {

	HttpServer recorder;

	final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	final AtomicInteger stops = new AtomicInteger();

	/** Each request the recorder received: "path idempotency-key signature-valid". */
	final java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

	AssentRecorderClient client;

	@BeforeEach
	void start() throws IOException {
		recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		recorder.createContext("/bots", ex -> {
			clientPorts.add(ex.getRemoteAddress().getPort());
			byte[] body = ex.getRequestBody().readAllBytes();
			received.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Idempotency-Key") + " "
					+ RecorderSignatures.validAssent("secret", body, ex.getRequestHeaders().getFirst(RecorderSignatures.HEADER)));
			if (ex.getRequestURI().getPath().equals("/bots/gone/stop")) {
				ex.sendResponseHeaders(404, -1);
				ex.close();
				return;
			}
			if (ex.getRequestURI().getPath().endsWith("/stop")) {
				stops.incrementAndGet();
			}
			byte[] out = "{\"botId\":\"b-1\"}".getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("Content-Type", "application/json");
			ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/bots") ? 201 : 200, out.length);
			ex.getResponseBody().write(out);
			ex.close();
		});
		recorder.start();
		client = new AssentRecorderClient(RecorderHttp.blockingClient(Duration.ofSeconds(1), Duration.ofSeconds(2)),
				"http://127.0.0.1:" + recorder.getAddress().getPort(), "secret", null);
	}

	@AfterEach
	void stop() {
		recorder.stop(0);
	}

	@Test
	void sendsEveryCommandOfTheDocumentedContractSigned() throws IOException { // X2, X4; docs/recorder-api.md
		client.createBot("{\"callId\":\"c\"}", "k-record");
		client.stopBot("b-1", "{\"reason\":\"PARTICIPANT_OPTED_OUT\"}", "k-stop", 0);
		client.deleteParticipant("b-1", "{\"participant\":\"p\"}", "k-delete", 0);
		client.refusePurposes("b-1", "{\"participant\":\"p\",\"refused\":[\"AI_TRAINING\"]}", "k-purposes", 0);

		assertThat(received).containsExactly("/bots k-record true", "/bots/b-1/stop k-stop true",
				"/bots/b-1/deletions k-delete true", "/bots/b-1/purposes k-purposes true");
		// The project's description of the Recorder API lists every command the client sends.
		String contract = java.nio.file.Files.readString(java.nio.file.Path.of("docs/recorder-api.md"));
		assertThat(contract).contains("`POST /bots`", "`POST /bots/{botId}/stop`", "`POST /bots/{botId}/deletions`",
				"`POST /bots/{botId}/purposes`");
	}

	@Test
	void aRecorderThatDoesNotAnswerInTimeIsAFailureToRetry() {
		recorder.createContext("/slow", ex -> {
			try {
				Thread.sleep(3000); // the recorder's own slowness, not the test's clock
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			ex.sendResponseHeaders(200, -1);
			ex.close();
		});
		AssentRecorderClient slow = new AssentRecorderClient(RecorderHttp.blockingClient(Duration.ofSeconds(1), Duration.ofMillis(300)),
				"http://127.0.0.1:" + recorder.getAddress().getPort() + "/slow", "secret", null);
		long started = System.nanoTime();
		assertThatThrownBy(() -> slow.stopBot("b-1", "{}", "k", 0)).isInstanceOfSatisfying(RecorderClient.Failure.class,
				f -> assertThat(f.status()).isZero());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aRefusalIsAFailureWithTheRecordersStatus() {
		assertThatThrownBy(() -> client.stopBot("gone", "{}", "k", 0)).isInstanceOfSatisfying(RecorderClient.Failure.class,
				f -> assertThat(f.status()).isEqualTo(404));
	}

	@Test
	void sendsCommandsOnTheCallingThreadOverOneKeptAliveConnection() {
		client.createBot("{\"callId\":\"c\"}", "warm-up"); // class loading, the keep-alive cache's timer thread
		long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

		for (int i = 0; i < 50; i++) {
			client.stopBot("b-" + i, "{\"reason\":\"PARTICIPANT_OPTED_OUT\"}", "assent-" + i, 0);
		}

		assertThat(stops).hasValue(50);
		// The JDK HttpClient behind Spring's request factory started two threads per request here; the
		// JDK HttpClient's own send() hands each exchange to its selector thread. No thread is started now.
		assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore).isLessThan(5);
		assertThat(clientPorts).hasSizeLessThanOrEqualTo(2);
	}

}
