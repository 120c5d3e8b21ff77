// Opt-out → stop latency benchmark for Assent (issue 3). Single-file Java (JDK 21+):
//   java OptOutLoad.java <assentBaseUrl> <recorderPort> <operatorToken> <calls> <concurrency> [warmup] [rate]
// The first <warmup> opt-outs (default 0) warm the JVM up and are not counted; <calls> are measured.
// Closed loop (rate 0, the default): <concurrency> participants, each clicking as soon as the previous
// opt-out answered. Open loop (rate > 0): the measured clicks are scheduled at <rate> per second
// whatever the answers do; each participant loads the page one second before its click; latency is
// taken from the scheduled click (so a late start counts against Assent, no coordinated omission).
// CPU accounting (issue 7): with ASSENT_PID (and PG_DATA, the embedded PostgreSQL's data folder) set,
// it reports the CPU time Assent's JVM, PostgreSQL and this load program used per measured opt-out.
// It runs a tiny recorder on loopback that answers POST /bots and timestamps every
// POST /bots/{id}/stop, sets up <calls> members with one call in progress each, fires one opt-out
// per call through the real consent page form POST (GET the page, POST "Join but don't record"),
// and reports click→stop-received latencies. Every loop is bounded.
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OptOutLoad {

	static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
	static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
	static final Pattern TOKEN = Pattern.compile("\"apiToken\"\\s*:\\s*\"([^\"]+)\"");
	static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	static final Map<String, Long> stopReceived = new ConcurrentHashMap<>();
	static final AtomicInteger botsCreated = new AtomicInteger();

	/** When each click's POST was answered (its 303: the decision is stored), by member. */
	static long[] answered = new long[0];
	static final AtomicInteger stopRequests = new AtomicInteger();

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int recorderPort = Integer.parseInt(args[1]);
		String operator = args[2];
		int calls = Integer.parseInt(args[3]);
		int concurrency = Integer.parseInt(args[4]);
		int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
		double rate = args.length > 6 ? Double.parseDouble(args[6]) : 0;

		HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", recorderPort), 512);
		recorder.setExecutor(Executors.newFixedThreadPool(16));
		recorder.createContext("/bots", ex -> {
			long now = System.nanoTime();
			String path = ex.getRequestURI().getPath();
			byte[] body = ex.getRequestBody().readAllBytes();
			String reply;
			int status;
			if (path.equals("/bots")) {
				Matcher m = CALL_ID.matcher(new String(body, StandardCharsets.UTF_8));
				String callId = m.find() ? m.group(1) : "unknown";
				reply = "{\"botId\":\"b-" + callId + "\"}";
				status = 201;
				botsCreated.incrementAndGet();
			}
			else if (path.endsWith("/stop")) {
				String bot = path.substring("/bots/".length(), path.length() - "/stop".length());
				stopReceived.putIfAbsent(bot, now);
				stopRequests.incrementAndGet();
				reply = "{}";
				status = 200;
			}
			else {
				reply = "{}";
				status = 404;
			}
			byte[] out = reply.getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("Content-Type", "application/json");
			ex.sendResponseHeaders(status, out.length);
			ex.getResponseBody().write(out);
			ex.close();
		});
		recorder.start();
		try {
			run(base, operator, calls, concurrency, warmup, rate);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			recorder.stop(0);
			System.exit(1);
		}
		recorder.stop(0);
		System.exit(0);
	}

	static void run(String base, String operator, int measured, int concurrency, int warmup, double rate) throws Exception {
		int calls = measured + warmup;
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(rate > 0 ? 8 : Math.max(4, concurrency)))
			.build();
		for (int i = 0; i < 360; i++) { // up to 3 minutes: a busy shared machine starts slowly
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString()).body().contains("UP")) {
					break;
				}
			}
			catch (IOException notYet) {
				// starting
			}
			Thread.sleep(500);
		}
		String slug = "bench-" + Long.toString(System.nanoTime(), 36);
		String company = json(http, "POST", base + "/api/v1/companies", operator,
				"{\"name\":\"Bench Inc\",\"slug\":\"" + slug + "\"}");
		Matcher t = TOKEN.matcher(company);
		if (!t.find()) {
			throw new IllegalStateException("no company: " + company);
		}
		String token = t.group(1);

		System.out.printf("Setting up %d members with one call in progress each…%n", calls);
		long setup = System.nanoTime();
		String[] callIds = new String[calls];
		Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<java.util.concurrent.Future<?>> setups = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			int n = i;
			setups.add(pool.submit(() -> {
				String m = "m" + n;
				json(http, "POST", base + "/api/v1/members", token, "{\"name\":\"Member " + n + "\",\"email\":\"" + m + "@"
						+ slug + ".example\",\"slug\":\"" + m + "\",\"recorded\":true,\"personalMeetingUrl\":\"https://zoom.us/j/9"
						+ (100000 + n) + "\"}");
				String meeting = json(http, "POST", base + "/api/v1/meetings", token, "{\"title\":\"Call " + n
						+ "\",\"organizerEmail\":\"" + m + "@" + slug + ".example\",\"start\":\"" + start + "\",\"end\":\""
						+ start.plus(2, ChronoUnit.HOURS) + "\",\"timeZone\":\"UTC\",\"invitees\":[{\"email\":\"p" + n
						+ "@client.example\",\"name\":\"P " + n + "\"}]}");
				Matcher c = CALL_ID.matcher(meeting);
				if (!c.find()) {
					throw new IllegalStateException("no call: " + meeting);
				}
				callIds[n] = c.group(1);
				return null;
			}));
		}
		for (var f : setups) {
			f.get(120, TimeUnit.SECONDS);
		}
		for (int i = 0; i < 600 && botsCreated.get() < calls; i++) {
			Thread.sleep(100);
		}
		System.out.printf("Set up in %.1f s; the recorder made %d bots.%n", (System.nanoTime() - setup) / 1e9,
				botsCreated.get());
		if (botsCreated.get() < calls) {
			throw new IllegalStateException("only " + botsCreated.get() + " bots were made");
		}
		// Let the bot ids land in Assent's database (the RECORD acknowledgements).
		Thread.sleep(2000);
		runHook("SETTLE_HOOK");

		long[] clicked = new long[calls];
		answered = new long[calls];
		if (warmup > 0) {
			// Open loop: the last 5 s of the warm-up already run at the rate, so that the measured window does not
			// start with the load generator opening its connections and the server growing its threads for them.
			int openTail = rate > 0 ? (int) Math.min(warmup / 2, 5 * rate) : 0;
			System.out.printf("Warming up with %d opt-outs (not counted%s)…%n", warmup,
					openTail > 0 ? ", the last " + openTail + " at the rate" : "");
			fire(http, base, slug, 0, warmup - openTail, concurrency, clicked);
			if (openTail > 0) {
				fireOpen(http, base, slug, warmup - openTail, warmup, rate, clicked);
			}
			for (int i = 0; i < 300 && stopReceived.size() < warmup; i++) {
				Thread.sleep(100);
			}
		}
		if (rate > 0) {
			System.out.printf("Firing %d opt-outs at %.0f/s (open loop, each page loaded 1 s before its click)…%n", measured, rate);
		}
		else {
			System.out.printf("Firing %d opt-outs with %d concurrent participants…%n", measured, concurrency);
		}
		hook("before", measured);
		Cpu before = Cpu.now();
		long fire = System.nanoTime();
		System.out.printf("measured window starts %s UTC (s0 of the seconds below)%n", java.time.LocalTime.now(java.time.ZoneOffset.UTC));
		int failed = rate > 0 ? fireOpen(http, base, slug, warmup, calls, rate, clicked)
				: fire(http, base, slug, warmup, calls, concurrency, clicked);
		double firing = (System.nanoTime() - fire) / 1e9;
		for (int i = 0; i < 300 && stopReceived.size() < calls - failed; i++) {
			Thread.sleep(100);
		}
		Cpu after = Cpu.now();
		hook("after", measured);

		List<Double> ms = new ArrayList<>();
		int missing = 0;
		for (int n = warmup; n < calls; n++) {
			Long stop = stopReceived.get("b-" + callIds[n]);
			if (clicked[n] == 0) {
				continue;
			}
			if (stop == null) {
				missing++;
				continue;
			}
			ms.add((stop - clicked[n]) / 1e6);
		}
		Collections.sort(ms);
		List<Double> stored = new ArrayList<>();
		for (int n = warmup; n < calls; n++) {
			if (clicked[n] != 0 && answered[n] != 0) {
				stored.add((answered[n] - clicked[n]) / 1e6);
			}
		}
		Collections.sort(stored);
		System.out.printf("Opt-outs: %d sent (%d failed) in %.1f s (%.0f/s); stops received: %d (stop requests %d), missing %d%n",
				measured - failed, failed, firing, (measured - failed) / firing, ms.size(), stopRequests.get(), missing);
		System.out.printf("click→stop-received latency (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  min %.1f%n",
				pct(ms, 50), pct(ms, 90), pct(ms, 99), ms.isEmpty() ? 0 : ms.get(ms.size() - 1), ms.isEmpty() ? 0 : ms.get(0));
		System.out.printf("click→303 (the decision stored) latency (ms): p50 %.1f  p90 %.1f  p99 %.1f%n", pct(stored, 50),
				pct(stored, 90), pct(stored, 99));
		after.report(before, measured - failed);
		if (rate > 0) {
			slowSeconds(clicked, callIds, warmup, calls, fire);
		}
	}

	/**
	 * Open loop: the seconds of the measured window with the most clicks whose stop took over 100 ms,
	 * with each second's p99 — a tail made of a few stalls (a checkpoint, a pause) or spread evenly (queueing).
	 */
	static void slowSeconds(long[] clicked, String[] callIds, int from, int to, long start) {
		Map<Integer, List<Double>> bySecond = new TreeMap<>();
		for (int n = from; n < to; n++) {
			Long stop = stopReceived.get("b-" + callIds[n]);
			if (clicked[n] != 0 && stop != null) {
				bySecond.computeIfAbsent((int) ((clicked[n] - start) / 1_000_000_000L), k -> new ArrayList<>())
					.add((stop - clicked[n]) / 1e6);
			}
		}
		int slow = 0;
		List<String> worst = new ArrayList<>();
		for (Map.Entry<Integer, List<Double>> e : bySecond.entrySet()) {
			List<Double> ms = e.getValue();
			Collections.sort(ms);
			long over = ms.stream().filter(v -> v > 100).count();
			slow += (int) over;
			if (over > 0) {
				worst.add(String.format("%05d|s%d: %d over 100 ms, p99 %.0f", 99999 - over, e.getKey(), over, pct(ms, 99)));
			}
		}
		Collections.sort(worst);
		System.out.printf("clicks over 100 ms: %d, in %d of %d seconds; the worst: %s%n", slow, worst.size(), bySecond.size(),
				String.join("; ", worst.stream().limit(8).map(w -> w.substring(6)).toList()));
	}

	/** Runs {@code $STATS_HOOK before|after <opt-outs>} around the measured window, when set (run.sh's PG_STATS=1). */
	static void hook(String when, int optOuts) throws IOException, InterruptedException {
		runHook("STATS_HOOK", when, String.valueOf(optOuts));
	}

	/** Runs the script named by the environment variable {@code name}, when set, and waits for it. */
	static void runHook(String name, String... args) throws IOException, InterruptedException {
		String hook = System.getenv(name);
		if (hook != null && !hook.isBlank()) {
			List<String> command = new ArrayList<>(List.of(hook));
			command.addAll(List.of(args));
			new ProcessBuilder(command).inheritIO().start().waitFor();
		}
	}

	/**
	 * CPU time (ms) used so far by Assent's JVM, the embedded PostgreSQL (postmaster and backends)
	 * and this load program (with its recorder), the whole machine's busy time, and the load average.
	 */
	record Cpu(long wallNanos, long assentMs, long pgMs, long loadgenMs, long machineBusyMs, String load) {

		static Cpu now() {
			String assent = System.getenv("ASSENT_PID");
			String pgData = System.getenv("PG_DATA");
			long a = assent == null || assent.isBlank() ? -1 : tree(Long.parseLong(assent.strip()));
			long p = -1;
			try {
				if (pgData != null && !pgData.isBlank()) {
					p = tree(Long.parseLong(Files.readAllLines(Path.of(pgData, "postmaster.pid")).get(0).strip()));
				}
			}
			catch (IOException | RuntimeException ex) {
				p = -1;
			}
			long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1_000_000;
			return new Cpu(System.nanoTime(), a, p, self, machineBusy(), loadavg());
		}

		void report(Cpu before, int optOuts) {
			double wall = (wallNanos - before.wallNanos) / 1e6;
			long ours = loadgenMs - before.loadgenMs;
			StringBuilder line = new StringBuilder("CPU per opt-out (ms):");
			if (assentMs >= 0 && before.assentMs >= 0) {
				line.append(String.format(" Assent JVM %.2f", (assentMs - before.assentMs) / (double) optOuts));
				ours += assentMs - before.assentMs;
			}
			if (pgMs >= 0 && before.pgMs >= 0) {
				line.append(String.format(" + PostgreSQL %.2f", (pgMs - before.pgMs) / (double) optOuts));
				ours += pgMs - before.pgMs;
				if (assentMs >= 0 && before.assentMs >= 0) {
					line.append(String.format(" = server %.2f", (assentMs - before.assentMs + pgMs - before.pgMs) / (double) optOuts));
				}
			}
			line.append(String.format("; load generator + recorder %.2f", (loadgenMs - before.loadgenMs) / (double) optOuts));
			int cores = Runtime.getRuntime().availableProcessors();
			double busy = (machineBusyMs - before.machineBusyMs) / (cores * wall) * 100;
			double foreign = Math.max(0, (machineBusyMs - before.machineBusyMs - ours) / (cores * wall) * 100);
			line.append(String.format("%nmeasured window %.1f s: machine busy %.0f %% of %d cores, of which others %.0f %%; load average %s -> %s",
					wall / 1000, busy, cores, foreign, before.load, load));
			System.out.println(line);
		}

		/** utime + stime + cutime + cstime of a process and all its live descendants, in ms. */
		static long tree(long root) {
			java.util.Map<Long, List<Long>> children = new java.util.HashMap<>();
			java.util.Map<Long, Long> ticks = new java.util.HashMap<>();
			try (var dirs = Files.list(Path.of("/proc"))) {
				for (Path d : (Iterable<Path>) dirs::iterator) {
					String name = d.getFileName().toString();
					if (!name.chars().allMatch(Character::isDigit)) {
						continue;
					}
					try {
						String stat = Files.readString(d.resolve("stat"));
						String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						long pid = Long.parseLong(name);
						children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
						ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
					}
					catch (IOException | RuntimeException gone) {
						// the process ended meanwhile
					}
				}
			}
			catch (IOException ex) {
				return -1;
			}
			long total = 0;
			java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>(List.of(root));
			for (int guard = 0; !queue.isEmpty() && guard < 100_000; guard++) {
				long pid = queue.poll();
				total += ticks.getOrDefault(pid, 0L);
				queue.addAll(children.getOrDefault(pid, List.of()));
			}
			return total * 10; // USER_HZ is 100 on Linux
		}

		static long machineBusy() {
			try {
				String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				// user + nice + system + steal (interrupts left out, as bench/lib.sh does)
				return (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[8])) * 10;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		static String loadavg() {
			try {
				String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
				return f[0] + " " + f[1] + " " + f[2];
			}
			catch (IOException ex) {
				return "?";
			}
		}

	}

	/**
	 * Open loop: the click of member n (from ≤ n < to) is due at t0 + (n − from) / rate; its page is
	 * loaded one second before. {@code clicked[n]} is the due time, so a click that goes late
	 * (Assent or the machine falling behind) counts its delay. Returns how many failed.
	 */
	static int fireOpen(HttpClient http, String base, String slug, int from, int to, double rate, long[] clicked)
			throws InterruptedException {
		long lead = 1_000_000_000L;
		long t0 = System.nanoTime() + lead + 200_000_000L;
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger late = new AtomicInteger();
		try (ExecutorService participants = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int n = from; n < to; n++) {
				long due = t0 + (long) ((n - from) * 1e9 / rate);
				parkUntil(due - lead);
				int member = n;
				participants.submit(() -> {
					try {
						Click click = pageView(http, base + "/" + slug + "/m" + member);
						if (System.nanoTime() > due) {
							late.incrementAndGet();
						}
						parkUntil(due);
						clicked[member] = due;
						click.send(http);
						answered[member] = System.nanoTime();
					}
					catch (Exception ex) {
						clicked[member] = 0;
						failed.incrementAndGet();
						System.err.println("opt-out " + member + " failed: " + ex);
					}
				});
			}
		}
		if (late.get() > 0) {
			System.out.printf("%d page views answered after their click was due (the click went late; counted from when it was due)%n",
					late.get());
		}
		return failed.get();
	}

	static void parkUntil(long nanoTime) throws InterruptedException {
		for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
			Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
		}
	}

	/** Opt-outs for members [from, to) with {@code concurrency} participants at once; returns how many failed. */
	static int fire(HttpClient http, String base, String slug, int from, int to, int concurrency, long[] clicked)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger(from);
		AtomicInteger failed = new AtomicInteger();
		ExecutorService participants = Executors.newFixedThreadPool(concurrency);
		for (int w = 0; w < concurrency; w++) {
			participants.submit(() -> {
				for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
					try {
						clicked[n] = optOut(http, base + "/" + slug + "/m" + n);
						answered[n] = System.nanoTime();
					}
					catch (Exception ex) {
						failed.incrementAndGet();
						System.err.println("opt-out " + n + " failed: " + ex);
					}
				}
				return null;
			});
		}
		participants.shutdown();
		participants.awaitTermination(10, TimeUnit.MINUTES);
		return failed.get();
	}

	/** GET the page (new participant), POST "Join but don't record"; returns the nanoTime of the click. */
	static long optOut(HttpClient http, String page) throws Exception {
		Click click = pageView(http, page);
		long clicked = System.nanoTime();
		click.send(http);
		return clicked;
	}

	/** The form POST "Join but don't record" of a page view, ready to send. */
	record Click(HttpRequest post) {

		void send(HttpClient http) throws Exception {
			HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 303) {
				throw new IllegalStateException("POST answered " + answer.statusCode());
			}
		}

	}

	/** GET the page as a new participant; answers the click it allows. */
	static Click pageView(HttpClient http, String page) throws Exception {
		HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = view.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
			.reduce((a, b) -> a + "; " + b).orElse("");
		StringBuilder form = new StringBuilder("choice=DONT_RECORD");
		Matcher m = HIDDEN.matcher(view.body());
		while (m.find()) {
			form.append('&').append(enc(m.group(1))).append('=').append(enc(m.group(2)));
		}
		HttpRequest post = HttpRequest.newBuilder(URI.create(page))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build();
		return new Click(post);
	}

	static double pct(List<Double> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String json(HttpClient http, String method, String url, String token, String body) {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() >= 300) {
				throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
			}
			return r.body();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
