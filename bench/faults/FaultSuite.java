// The fault suite of issue 7: what Assent acknowledged survives, and what it promised gets done, through
// kill -9, a recorder outage and a database outage — with no restart by hand beyond starting the
// process again after a kill. Single-file Java (JDK 21+), run by bench/faults/run.sh:
//   java FaultSuite.java <appJar> <workDir> <java> <assentPort> <recorderPort> [kills=10] [loadSeconds=20] [calls=1200]
// It starts Assent itself (the extracted jar, embedded PostgreSQL in <workDir>/pg, in a process group
// of its own), serves a tiny recorder on loopback (POST /bots, POST /bots/{id}/stop; "down" answers 503),
// sets up <calls> members with one call in progress each, and keeps a mixed load of participants on
// the real consent page (GET the page, POST the form): ~70 % consents on random calls, ~30 % opt-outs,
// each opt-out on a call nobody opted out of before (so every acknowledged opt-out owes its own STOP).
// Then, under that load:
//   1. <kills> × kill -9: odd ones the JVM's process group and every PostgreSQL process (a machine-level
//      crash: PostgreSQL recovers from its WAL), even ones the JVM only (its PostgreSQL is orphaned, and
//      the next start must stop it by itself); each time the same start command again, same data folder;
//   2. a 60 s recorder outage (every recorder request answered 503);
//   3. a 30 s database outage (every PostgreSQL process SIGSTOPped, then SIGCONTed).
// Finally it stops the load, waits (bounded) for the STOPs, and checks, from the database and the
// recorder: every acknowledged decision (a 303) has its row (by its page view's key and choice), and
// every acknowledged opt-out's call got its STOP. Exit status 1 when anything acknowledged was lost.
import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FaultSuite {

	static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
	static final Pattern TOKEN = Pattern.compile("\"apiToken\"\\s*:\\s*\"([^\"]+)\"");
	static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	static final String OPERATOR = "bench-operator-token-0123456789abcdef";

	// The recorder's side.
	static final AtomicBoolean recorderDown = new AtomicBoolean();
	static final Map<String, Instant> stopReceived = new ConcurrentHashMap<>();
	static final AtomicInteger botsCreated = new AtomicInteger();
	static final AtomicInteger refusedWhileDown = new AtomicInteger();

	// The participants' side.
	record Acked(String viewKey, String choice, int call, Instant at, String phase) {
	}

	static final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
	static final Map<String, AtomicInteger> notAcked = new ConcurrentHashMap<>();
	/** Calls nobody opted out of yet (an opt-out that was not acknowledged gives its call back). */
	static final ConcurrentLinkedQueue<Integer> freshCalls = new ConcurrentLinkedQueue<>();
	static volatile String phase = "setup";

	static String appJar;
	static Path work;
	static String java;
	static int port;
	static int recorderPort;
	static Process assent;
	static final List<String> report = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		appJar = args[0];
		work = Path.of(args[1]);
		java = args[2];
		port = Integer.parseInt(args[3]);
		recorderPort = Integer.parseInt(args[4]);
		int kills = args.length > 5 ? Integer.parseInt(args[5]) : 10;
		int loadSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 20;
		int calls = args.length > 7 ? Integer.parseInt(args[7]) : 1200;

		HttpServer recorder = recorder(recorderPort);
		int exit;
		try {
			exit = run(kills, loadSeconds, calls);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			exit = 2;
		}
		finally {
			recorder.stop(0);
			stopAssent();
		}
		System.exit(exit);
	}

	static HttpServer recorder(int port) throws IOException {
		HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
		recorder.setExecutor(Executors.newFixedThreadPool(16));
		recorder.createContext("/bots", ex -> {
			String path = ex.getRequestURI().getPath();
			byte[] body = ex.getRequestBody().readAllBytes();
			String reply = "{}";
			int status = 404;
			if (recorderDown.get()) {
				refusedWhileDown.incrementAndGet();
				status = 503;
			}
			else if (path.equals("/bots")) {
				Matcher m = CALL_ID.matcher(new String(body, StandardCharsets.UTF_8));
				reply = "{\"botId\":\"b-" + (m.find() ? m.group(1) : "unknown") + "\"}";
				status = 201;
				botsCreated.incrementAndGet();
			}
			else if (path.endsWith("/stop")) {
				stopReceived.putIfAbsent(path.substring("/bots/".length(), path.length() - "/stop".length()), Instant.now());
				status = 200;
			}
			byte[] out = reply.getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("Content-Type", "application/json");
			ex.sendResponseHeaders(status, out.length);
			ex.getResponseBody().write(out);
			ex.close();
		});
		recorder.start();
		return recorder;
	}

	static int run(int kills, int loadSeconds, int calls) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(2))
			.executor(Executors.newFixedThreadPool(16))
			.build();
		String base = "http://127.0.0.1:" + port;
		log("starting Assent (%s) on %s, data in %s", java, base, work.resolve("pg"));
		startAssent(http, base);

		String slug = "faults-" + Long.toString(System.nanoTime(), 36);
		Matcher t = TOKEN.matcher(json(http, "POST", base + "/api/v1/companies", OPERATOR,
				"{\"name\":\"Faults Inc\",\"slug\":\"" + slug + "\"}"));
		if (!t.find()) {
			throw new IllegalStateException("no company");
		}
		String token = t.group(1);
		String[] callIds = setUp(http, base, token, slug, calls);

		// The load: 6 participants at a time, each a new browser.
		for (int i = 0; i < calls; i++) {
			freshCalls.add(i);
		}
		phase = "kill 1";
		AtomicBoolean loading = new AtomicBoolean(true);
		ExecutorService participants = Executors.newFixedThreadPool(6);
		for (int w = 0; w < 6; w++) {
			participants.submit(() -> {
				while (loading.get()) {
					participate(http, base, slug, calls);
				}
				return null;
			});
		}

		// 1. kill -9, ten times.
		for (int k = 1; k <= kills; k++) {
			phase = "kill " + k;
			Thread.sleep(loadSeconds * 1000L);
			boolean group = k % 2 == 1;
			int before = acked.size();
			long pid = assent.pid();
			Instant killed = Instant.now();
			if (group) {
				// pg_ctl puts PostgreSQL in a session of its own, so it is killed by name of its data folder.
				List<Long> pg = postgresProcesses();
				exec("kill", "-9", "--", "-" + pgid(pid));
				for (long p : pg) {
					exec("kill", "-9", String.valueOf(p));
				}
			}
			else {
				exec("kill", "-9", String.valueOf(pid));
			}
			assent.waitFor(30, TimeUnit.SECONDS);
			startAssent(http, base);
			log("kill %d (%s): %d decisions acknowledged before it; up again after %.1f s", k,
					group ? "JVM and PostgreSQL" : "JVM only: its PostgreSQL orphaned", before,
					Duration.between(killed, Instant.now()).toMillis() / 1000.0);
			report.add(String.format("kill -9 #%d (%s): back up (health UP) %.1f s after the kill", k,
					group ? "the JVM's process group and PostgreSQL" : "the JVM only, PostgreSQL orphaned",
					Duration.between(killed, Instant.now()).toMillis() / 1000.0));
		}

		// 2. The recorder down for 60 s.
		phase = "recorder outage";
		Thread.sleep(loadSeconds * 1000L);
		log("recorder down for 60 s");
		recorderDown.set(true);
		Thread.sleep(60_000);
		recorderDown.set(false);
		log("recorder up again (it refused %d requests while down)", refusedWhileDown.get());
		report.add("recorder outage 60 s: " + refusedWhileDown.get() + " recorder requests refused (503) while down");

		// 3. The database hung for 30 s.
		phase = "database outage";
		Thread.sleep(loadSeconds * 1000L);
		List<Long> pg = postgresProcesses();
		log("database down for 30 s (SIGSTOP of %d PostgreSQL processes)", pg.size());
		for (long p : pg) {
			exec("kill", "-STOP", String.valueOf(p));
		}
		Instant stopped = Instant.now();
		Thread.sleep(30_000);
		Instant resumed = Instant.now();
		for (long p : pg) {
			exec("kill", "-CONT", String.valueOf(p));
		}
		// Answers already on their way when the database stopped may land in its first second.
		long during = acked.stream().filter(a -> a.at().isAfter(stopped.plusSeconds(1)) && a.at().isBefore(resumed)).count();
		log("database back; %d decisions were acknowledged while it was down (should be 0)", during);
		report.add("database outage 30 s: " + during + " decisions acknowledged (303) while it was stopped");
		Instant dbBack = Instant.now();
		phase = "after";
		Thread.sleep(loadSeconds * 1000L);
		loading.set(false);
		participants.shutdown();
		participants.awaitTermination(60, TimeUnit.SECONDS);

		return verify(http, base, callIds, dbBack);
	}

	/** One participant: a page view, then a decision; an acknowledged (303) one is remembered. */
	static void participate(HttpClient http, String base, String slug, int calls) {
		Integer fresh = ThreadLocalRandom.current().nextInt(10) < 3 ? freshCalls.poll() : null;
		boolean optOut = fresh != null;
		int call = optOut ? fresh : ThreadLocalRandom.current().nextInt(calls);
		String choice = optOut ? "DONT_RECORD" : "RECORD";
		String page = base + "/" + slug + "/m" + call;
		String at = phase;
		try {
			HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(page)).timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (view.statusCode() != 200) {
				failed("page " + view.statusCode(), optOut, call);
				pause();
				return;
			}
			String cookie = view.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
				.reduce((a, b) -> a + "; " + b).orElse("");
			StringBuilder form = new StringBuilder("choice=" + choice);
			String viewKey = null;
			Matcher m = HIDDEN.matcher(view.body());
			while (m.find()) {
				form.append('&').append(enc(m.group(1))).append('=').append(enc(m.group(2)));
				if (m.group(1).equals("view")) {
					viewKey = m.group(2);
				}
			}
			// Longer than Assent's decision timeout (10 s), so its 503 is seen rather than our own timeout.
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(page))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", cookie)
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 303) {
				acked.add(new Acked(viewKey, choice, call, Instant.now(), at));
			}
			else {
				failed("decision " + answer.statusCode()
						+ (answer.headers().firstValue("Retry-After").map(r -> " (Retry-After " + r + ")").orElse("")), optOut, call);
				pause();
			}
		}
		catch (Exception ex) {
			failed(ex.getClass().getSimpleName(), optOut, call);
			pause();
		}
	}

	/** A decision Assent did not acknowledge: the participant would try again; an opt-out's fresh call is given up. */
	static void failed(String why, boolean optOut, int call) {
		notAcked.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
		if (optOut) {
			freshCalls.add(call);
		}
	}

	static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static int verify(HttpClient http, String base, String[] callIds, Instant dbBack) throws Exception {
		List<Acked> all = new ArrayList<>(acked);
		// Every acknowledged opt-out owes a STOP to its call's bot: wait for them (bounded).
		Set<String> owed = new HashSet<>();
		for (Acked a : all) {
			if (a.choice().equals("DONT_RECORD")) {
				owed.add("b-" + callIds[a.call()]);
			}
		}
		Instant waitFrom = Instant.now();
		for (int i = 0; i < 1200 && !stopReceived.keySet().containsAll(owed); i++) {
			Thread.sleep(100);
		}
		Set<String> missingStops = new HashSet<>(owed);
		missingStops.removeAll(stopReceived.keySet());

		// Every acknowledged decision has its row.
		Map<String, String> stored = new HashMap<>();
		for (String line : psql("select view_key || ',' || choice from consentpage.decisions")) {
			String[] f = line.split(",", 2);
			stored.merge(f[0], f[1], (x, y) -> x + "|" + y);
		}
		Map<String, int[]> byPhase = new java.util.LinkedHashMap<>();
		int lost = 0;
		for (Acked a : all) {
			int[] counts = byPhase.computeIfAbsent(a.phase(), k -> new int[4]);
			boolean kept = a.viewKey() != null && stored.getOrDefault(a.viewKey(), "").contains(a.choice());
			counts[a.choice().equals("DONT_RECORD") ? 1 : 0]++;
			if (!kept) {
				counts[2]++;
				lost++;
			}
			if (a.choice().equals("DONT_RECORD") && missingStops.contains("b-" + callIds[a.call()])) {
				counts[3]++;
			}
		}
		log("results");
		System.out.println();
		System.out.println("| phase | consents acknowledged | opt-outs acknowledged | acknowledged decisions lost | acknowledged opt-outs without a delivered STOP |");
		System.out.println("|---|---|---|---|---|");
		byPhase.forEach((p, c) -> System.out.printf("| %s | %d | %d | %d | %d |%n", p, c[0], c[1], c[2], c[3]));
		long optOuts = all.stream().filter(a -> a.choice().equals("DONT_RECORD")).count();
		System.out.printf("| **all** | %d | %d | **%d** | **%d** |%n", all.size() - optOuts, optOuts, lost, missingStops.size());
		System.out.println();
		report.forEach(r -> System.out.println("- " + r));
		System.out.println("- decisions not acknowledged (the participant saw an error or nothing, and would try again): " + notAcked);
		System.out.printf("- every owed STOP had arrived %.1f s after the load stopped%s%n",
				Duration.between(waitFrom, Instant.now()).toMillis() / 1000.0, missingStops.isEmpty() ? "" : " (NOT ALL: gave up)");
		if (lost != 0 || !missingStops.isEmpty()) {
			return 1;
		}
		// A phase without opt-outs tested consents only: every call had been opted out of already.
		List<String> withoutOptOuts = byPhase.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals("after") && e.getValue()[1] == 0)
			.map(Map.Entry::getKey)
			.toList();
		if (!withoutOptOuts.isEmpty()) {
			System.out.printf("- INCONCLUSIVE: no opt-out was acknowledged during %s (all %d calls were opted out of "
					+ "already); run again with more calls (the third argument)%n", withoutOptOuts, callIds.length);
			return 2;
		}
		return 0;
	}

	static String[] setUp(HttpClient http, String base, String token, String slug, int calls) throws Exception {
		log("setting up %d members with one call in progress each", calls);
		String[] callIds = new String[calls];
		Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<java.util.concurrent.Future<?>> setups = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			int n = i;
			setups.add(pool.submit(() -> {
				String m = "m" + n;
				json(http, "POST", base + "/api/v1/members", token, "{\"name\":\"Member " + n + "\",\"email\":\"" + m + "@"
						+ slug + ".example\",\"slug\":\"" + m + "\",\"recorded\":true,\"personalMeetingUrl\":\"https://zoom.us/j/9"
						+ (100000 + n) + "\"}");
				// Three hours long: the whole suite runs inside it, so every opt-out stops a recording.
				Matcher c = CALL_ID.matcher(json(http, "POST", base + "/api/v1/meetings", token, "{\"title\":\"Call " + n
						+ "\",\"organizerEmail\":\"" + m + "@" + slug + ".example\",\"start\":\"" + start + "\",\"end\":\""
						+ start.plus(3, ChronoUnit.HOURS) + "\",\"timeZone\":\"UTC\",\"invitees\":[{\"email\":\"p" + n
						+ "@client.example\",\"name\":\"P " + n + "\"}]}"));
				if (!c.find()) {
					throw new IllegalStateException("no call for member " + n);
				}
				callIds[n] = c.group(1);
				return null;
			}));
		}
		for (var f : setups) {
			f.get(10, TimeUnit.MINUTES);
		}
		pool.shutdown();
		for (int i = 0; i < 1200 && botsCreated.get() < calls; i++) {
			Thread.sleep(100);
		}
		Thread.sleep(2000); // the RECORD acknowledgements land
		log("set up: %d bots recording", botsCreated.get());
		return callIds;
	}

	static void startAssent(HttpClient http, String base) throws Exception {
		Files.createDirectories(work);
		ProcessBuilder pb = new ProcessBuilder("setsid", java, "@" + Path.of("jvm.options").toAbsolutePath(), "-jar", appJar,
				"--assent.db.data-dir=" + work.resolve("pg"), "--server.port=" + port, "--server.address=127.0.0.1",
				"--logging.level.root=warn", "--assent.consent-page.rate-limit.per-address=0");
		pb.environment().put("ASSENT_OPERATOR_TOKEN", OPERATOR);
		pb.environment().put("ASSENT_DEMO", "false");
		pb.environment().put("ASSENT_RECORDER_URL", "http://127.0.0.1:" + recorderPort);
		pb.environment().put("ASSENT_RECORDER_SECRET", "bench-recorder-secret");
		pb.environment().put("ASSENT_BASE_URL", base);
		pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("assent.log").toFile()));
		assent = pb.start();
		for (int i = 0; i < 1800; i++) { // 3 minutes: a busy machine starts slowly
			if (!assent.isAlive()) {
				throw new IllegalStateException("Assent exited with " + assent.exitValue() + "; see " + work.resolve("assent.log"));
			}
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException notYet) {
				// starting
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Assent did not come up in 3 minutes; see " + work.resolve("assent.log"));
	}

	static void stopAssent() {
		if (assent != null && assent.isAlive()) {
			assent.destroy();
			try {
				if (!assent.waitFor(30, TimeUnit.SECONDS)) {
					exec("kill", "-9", "--", "-" + pgid(assent.pid()));
				}
			}
			catch (Exception ex) {
				// best effort
			}
		}
	}

	static long pgid(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
	}

	/** The embedded PostgreSQL's postmaster (from its data folder) and all its children. */
	static List<Long> postgresProcesses() throws IOException {
		long postmaster = Long.parseLong(Files.readAllLines(work.resolve("pg/postmaster.pid")).get(0).strip());
		List<Long> all = new ArrayList<>(List.of(postmaster));
		try (var dirs = Files.list(Path.of("/proc"))) {
			for (Path d : (Iterable<Path>) dirs::iterator) {
				String name = d.getFileName().toString();
				if (name.chars().allMatch(Character::isDigit)) {
					try {
						String stat = Files.readString(d.resolve("stat"));
						if (Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]) == postmaster) {
							all.add(Long.parseLong(name));
						}
					}
					catch (IOException | RuntimeException gone) {
						// ended meanwhile
					}
				}
			}
		}
		return all;
	}

	static List<String> psql(String sql) throws Exception {
		String pgPort = Files.readAllLines(work.resolve("pg/postmaster.pid")).get(3).strip();
		Process p = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", pgPort, "-U", "postgres",
				"-d", "postgres", "-c", sql).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.filter(l -> !l.isBlank()).toList();
		if (p.waitFor() != 0) {
			throw new IllegalStateException("psql failed: " + sql);
		}
		return lines;
	}

	static void exec(String... command) throws Exception {
		new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start().waitFor();
	}

	static String json(HttpClient http, String method, String url, String token, String body) {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
			}
			return r.body();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static void log(String format, Object... args) {
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
	}

}
