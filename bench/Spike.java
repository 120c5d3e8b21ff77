import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop spike generator: N page views that arrive evenly spread over a window (default 1,000
 * in 1 s), as when everyone clicks the consent link as the meeting starts.
 * <p>
 * Request i is started at its scheduled time t0 + i * window / N whatever happened to earlier
 * requests, and its latency is measured from that scheduled time (not from when the client got
 * round to sending it), so queueing in the server or in the client is not hidden (no coordinated
 * omission). Run with the JDK 25 source launcher:
 *
 * <pre>
 * java bench/Spike.java --url http://127.0.0.1:8080/acme/michael [--requests 1000] [--window-ms 1000]
 *      [--warmup 300] [--timeout-ms 10000] [--new-connections]
 * </pre>
 * {@code --new-connections} opens a TCP connection of its own for every request and sends
 * {@code Connection: close} (every participant is a different browser; a plain blocking socket per
 * request, see {@link #rawGet}); without it the client ({@link HttpClient}) keeps alive and reuses
 * connections (opening more as the spike needs them). Talks to the given URL only; meant for
 * 127.0.0.1. Prints one line {@code SPIKE key=value …} for scripts and a readable summary.
 */
public class Spike {

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = options(args);
		URI url = URI.create(opts.getOrDefault("url", "http://127.0.0.1:8080/acme/michael"));
		String host = url.getHost();
		if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1") && !host.equals("[::1]")) {
			throw new IllegalArgumentException("Spike only talks to the loopback interface, not " + host);
		}
		int n = Integer.parseInt(opts.getOrDefault("requests", "1000"));
		long windowNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(opts.getOrDefault("window-ms", "1000")));
		int warmup = Integer.parseInt(opts.getOrDefault("warmup", "300"));
		Duration timeout = Duration.ofMillis(Long.parseLong(opts.getOrDefault("timeout-ms", "10000")));
		boolean close = opts.containsKey("new-connections");
		if (close) {
			System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
		}

		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(executor)
			.build();
		HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET().timeout(timeout)
			.header("Accept", "text/html").header("Accept-Language", "en-US,en;q=0.9");
		if (close) {
			builder.header("Connection", "close");
		}
		HttpRequest request = builder.build();

		// Warm up the client (class loading, JIT of the client's own code) with a few closed-loop
		// requests, then let everything settle, so the spike measures the server.
		for (int i = 0; i < warmup; i++) {
			if (close) {
				rawGet(url, (int) timeout.toMillis());
			}
			else {
				client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			}
		}
		Thread.sleep(1000);

		long[] latency = new long[n];
		Arrays.fill(latency, -1);
		AtomicInteger errors = new AtomicInteger();
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		AtomicLong maxLag = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		CountDownLatch finished = new CountDownLatch(n);

		long[] busy0 = machineBusyTicks();
		long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (int i = 0; i < n; i++) {
			long scheduled = t0 + windowNanos * i / n;
			long wait;
			while ((wait = scheduled - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			final int index = i;
			executor.execute(() -> {
				long started = System.nanoTime();
				maxLag.accumulateAndGet(started - scheduled, Math::max);
				try {
					int status;
					int length;
					if (close) {
						int[] res = rawGet(url, (int) timeout.toMillis());
						status = res[0];
						length = res[1];
					}
					else {
						HttpResponse<byte[]> res = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
						status = res.statusCode();
						length = res.body().length;
					}
					long done = System.nanoTime();
					if (status == 200 && length > 0) {
						latency[index] = done - scheduled;
						bytes.addAndGet(length);
					}
					else {
						errors.incrementAndGet();
						failures.computeIfAbsent("HTTP " + status, k -> new AtomicInteger()).incrementAndGet();
					}
				}
				catch (Exception ex) {
					errors.incrementAndGet();
					failures.computeIfAbsent(ex.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
				}
				finally {
					finished.countDown();
				}
			});
		}
		long sentBy = System.nanoTime();
		boolean allDone = finished.await(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
		long end = System.nanoTime();
		long[] busy1 = machineBusyTicks();
		// Share of all cores busy (every process: server, this client, anyone else) during the spike.
		String machineBusy = busy0 == null || busy1 == null || busy1[1] == busy0[1] ? "n/a"
				: String.format("%.0f%%", 100.0 * (busy1[0] - busy0[0]) / (busy1[1] - busy0[1]));

		long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
		int unfinished = allDone ? 0 : (int) finished.getCount();
		System.out.printf("SPIKE url=%s requests=%d window_ms=%d mode=%s ok=%d errors=%d unfinished=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f min_ms=%.2f max_dispatch_lag_ms=%.2f schedule_span_ms=%.1f total_ms=%.1f avg_bytes=%d machine_busy=%s%n",
				url, n, TimeUnit.NANOSECONDS.toMillis(windowNanos), close ? "new-connection-per-request" : "keep-alive",
				ok.length, errors.get(), unfinished, ms(pct(ok, 50)), ms(pct(ok, 90)), ms(pct(ok, 99)),
				ms(ok.length == 0 ? 0 : ok[ok.length - 1]), ms(ok.length == 0 ? 0 : ok[0]), ms(maxLag.get()),
				(sentBy - t0) / 1e6, (end - t0) / 1e6, ok.length == 0 ? 0 : bytes.get() / ok.length, machineBusy);
		if (!failures.isEmpty()) {
			System.out.println("SPIKE_FAILURES " + new TreeMap<>(failures));
		}
		executor.shutdownNow();
		System.exit(errors.get() + unfinished == 0 ? 0 : 2);
	}

	/**
	 * One page view on a TCP connection of its own, as a browser that never saw the server opens
	 * one: connect, send a plain HTTP/1.1 GET with {@code Connection: close}, read until the server
	 * closes. A blocking socket on a virtual thread costs the client far less CPU than
	 * {@link HttpClient} setting up a connection per request, and on 2 shared cores the client's
	 * CPU is taken from the server. Answers {status, body bytes}.
	 */
	static int[] rawGet(URI url, int timeoutMs) throws java.io.IOException {
		String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
				+ "\r\nAccept: text/html\r\nAccept-Language: en-US,en;q=0.9\r\nUser-Agent: Spike\r\nConnection: close\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(timeoutMs);
			socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), timeoutMs);
			socket.getOutputStream().write(request);
			byte[] answer = socket.getInputStream().readAllBytes();
			String head = new String(answer, 0, Math.min(answer.length, 12), java.nio.charset.StandardCharsets.US_ASCII);
			int status = head.startsWith("HTTP/1.") && head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
			int bodyStart = -1;
			for (int i = 3; i < answer.length; i++) {
				if (answer[i] == '\n' && answer[i - 1] == '\r' && answer[i - 2] == '\n' && answer[i - 3] == '\r') {
					bodyStart = i + 1;
					break;
				}
			}
			return new int[] { status, bodyStart < 0 ? 0 : answer.length - bodyStart };
		}
	}

	/** Busy and total jiffies of all cores from /proc/stat (Linux), or null. */
	private static long[] machineBusyTicks() {
		try {
			String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
			long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
			long softirq = Long.parseLong(f[7]), steal = Long.parseLong(f[8]);
			long busy = user + nice + system + irq + softirq + steal;
			return new long[] { busy, busy + idle + iowait };
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** Nearest-rank percentile of sorted values. */
	private static long pct(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> opts = new TreeMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i]);
			}
			String key = args[i].substring(2);
			if (key.equals("new-connections")) {
				opts.put(key, "true");
			}
			else if (i + 1 < args.length) {
				opts.put(key, args[++i]);
			}
			else {
				throw new IllegalArgumentException("missing value for " + args[i]);
			}
		}
		return opts;
	}

}
