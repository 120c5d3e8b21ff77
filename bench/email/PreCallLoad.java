// Pre-call email benchmark for Assent (issue 9). Single-file Java (JDK 21+):
//   java PreCallLoad.java <nodeA> <nodeB> <smtpPort> <recorderPort> <operatorToken> <calls> <marginSeconds> <pgPort>
// Runs a tiny SMTP server (the sink: it accepts every message and notes when it arrived, its
// recipient and Message-ID) and a tiny recorder (answers POST /bots, so bots ordered for the calls
// cost nothing), sets up a company with 20 recorded members on node A, imports <calls> calendar events
// through both nodes (1 external invitee each; each invite carries the member's consent link, as
// a well-written invite does), whose pre-call emails (lead time 10 minutes, the default) fall due
// within one minute, starting <marginSeconds> after the run began. Then it waits for every email
// and reports: how many arrived, duplicates (by recipient and by Message-ID), lateness after the
// due time (p50/p95/p99/max) and the send rate of each node (from the database). Every loop is bounded.
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PreCallLoad {

	static final Pattern TOKEN = Pattern.compile("\"apiToken\"\\s*:\\s*\"([^\"]+)\"");

	static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	static final int MEMBERS = 20;

	static final int EVENTS_PER_FILE = 250;

	static final int LEAD_MINUTES = 10;

	/** Arrival (epoch ms) of each message by recipient; every arrival of it. */
	static final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

	static final Map<String, Integer> messageIds = new ConcurrentHashMap<>();

	static final AtomicInteger received = new AtomicInteger();

	static final AtomicInteger bots = new AtomicInteger();

	public static void main(String[] args) throws Exception {
		String nodeA = args[0];
		String nodeB = args[1];
		int smtpPort = Integer.parseInt(args[2]);
		int recorderPort = Integer.parseInt(args[3]);
		String operator = args[4];
		int calls = Integer.parseInt(args[5]);
		long margin = Long.parseLong(args[6]);
		int pgPort = Integer.parseInt(args[7]);
		Instant began = Instant.now();

		ServerSocket smtp = new ServerSocket();
		smtp.bind(new InetSocketAddress("127.0.0.1", smtpPort), 256);
		Thread.ofPlatform().daemon().start(() -> {
			while (true) {
				try {
					Socket s = smtp.accept();
					Thread.ofVirtual().start(() -> session(s));
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", recorderPort), 512);
		recorder.setExecutor(Executors.newFixedThreadPool(8));
		recorder.createContext("/bots", ex -> {
			ex.getRequestBody().readAllBytes();
			bots.incrementAndGet();
			byte[] out = ("{\"botId\":\"b-" + java.util.UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("Content-Type", "application/json");
			ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/bots") ? 201 : 200, out.length);
			ex.getResponseBody().write(out);
			ex.close();
		});
		recorder.start();
		int exit = 0;
		try {
			exit = run(nodeA, nodeB, operator, calls, began.plusSeconds(margin).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), pgPort);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			exit = 1;
		}
		recorder.stop(0);
		smtp.close();
		System.exit(exit);
	}

	static int run(String nodeA, String nodeB, String operator, int calls, Instant firstDue, int pgPort) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(4))
			.build();
		for (String node : List.of(nodeA, nodeB)) {
			boolean up = false;
			for (int i = 0; i < 480 && !up; i++) { // up to 4 minutes: a busy shared machine starts slowly
				try {
					up = http.send(HttpRequest.newBuilder(URI.create(node + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString()).body().contains("UP");
				}
				catch (IOException notYet) {
					// starting
				}
				if (!up) {
					Thread.sleep(500);
				}
			}
			if (!up) {
				throw new IllegalStateException(node + " did not come up");
			}
		}
		String slug = "bench-" + Long.toString(System.nanoTime(), 36);
		Matcher t = TOKEN.matcher(json(http, "POST", nodeA + "/api/v1/companies", operator,
				"{\"name\":\"Bench Inc\",\"slug\":\"" + slug + "\"}"));
		if (!t.find()) {
			throw new IllegalStateException("no company");
		}
		String token = t.group(1);
		for (int m = 0; m < MEMBERS; m++) {
			json(http, "POST", nodeA + "/api/v1/members", token, "{\"name\":\"Rep " + m + "\",\"email\":\"rep" + m + "@" + slug
					+ ".example\",\"slug\":\"rep" + m + "\",\"recorded\":true,\"personalMeetingUrl\":\"https://zoom.us/j/8"
					+ (100000 + m) + "\"}");
		}
		// Call i starts at firstDue + lead + (i % 60) s: its email is due at firstDue + (i % 60) s.
		// Due times are whole seconds, as the iCalendar DTSTART they come from (a fraction would read as early sending).
		Instant[] due = new Instant[calls];
		for (int i = 0; i < calls; i++) {
			due[i] = firstDue.plusSeconds(i % 60);
		}
		System.out.printf("Importing %d calls (%d per file, both nodes); emails due %s … %s%n", calls, EVENTS_PER_FILE,
				firstDue, firstDue.plusSeconds(59));
		long importStart = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<?>> imports = new ArrayList<>();
		for (int from = 0; from < calls; from += EVENTS_PER_FILE) {
			int f = from;
			String node = (from / EVENTS_PER_FILE) % 2 == 0 ? nodeA : nodeB;
			imports.add(pool.submit(() -> {
				String ics = calendar(slug, node, f, Math.min(calls, f + EVENTS_PER_FILE), due);
				// An import that fails (a 503/500 when the busy machine makes a connection wait past its
				// timeout) is sent again: events are keyed by UID, so a repeat updates instead of doubling.
				for (int attempt = 1;; attempt++) {
					try {
						send(http, "POST", node + "/api/v1/meetings/import", token, "text/calendar", ics);
						return null;
					}
					catch (IllegalStateException ex) {
						if (attempt == 5) {
							throw ex;
						}
						System.out.printf("import of events %d… failed (attempt %d), again: %s%n", f, attempt,
								ex.getMessage().substring(0, Math.min(120, ex.getMessage().length())));
						Thread.sleep(2000L * attempt);
					}
				}
			}));
		}
		for (Future<?> f : imports) {
			f.get(15, TimeUnit.MINUTES);
		}
		pool.shutdown();
		double importSeconds = (System.nanoTime() - importStart) / 1e9;
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "")) {
			long waiting = 0;
			for (int i = 0; i < 1200 && Instant.now().isBefore(firstDue); i++) {
				waiting = count(db, "select count(*) from notifications.pre_calls where status = 'WAITING'");
				if (waiting >= calls) {
					break;
				}
				Thread.sleep(500);
			}
			System.out.printf("Imported in %.1f s; %d pre-call rows waiting %.1f s before the first is due; bots ordered: %d%n",
					importSeconds, waiting, Duration.between(Instant.now(), firstDue).toMillis() / 1000.0, bots.get());
			if (waiting < calls) {
				System.out.printf("NOT READY: only %d of %d calls scheduled before the first email fell due — raise the margin%n",
						waiting, calls);
				return 2;
			}
			Instant deadline = firstDue.plusSeconds(60 + 600);
			while (received.get() < calls && Instant.now().isBefore(deadline)) {
				Thread.sleep(200);
			}
			Thread.sleep(3000); // late duplicates would show here
			List<Long> lateness = new ArrayList<>();
			int missing = 0;
			int duplicates = 0;
			for (int i = 0; i < calls; i++) {
				List<Long> got = arrivals.get("guest" + i + "@client.example");
				if (got == null || got.isEmpty()) {
					missing++;
					continue;
				}
				duplicates += got.size() - 1;
				lateness.add(Collections.min(got) - due[i].toEpochMilli());
			}
			int duplicateIds = messageIds.values().stream().mapToInt(n -> n - 1).sum();
			Collections.sort(lateness);
			System.out.printf("Received %d messages for %d calls: missing %d, duplicates by recipient %d, by Message-ID %d%n",
					received.get(), calls, missing, duplicates, duplicateIds);
			if (!lateness.isEmpty()) {
				System.out.printf("Lateness after due (s): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (min %.1f)%n",
						pct(lateness, 50), pct(lateness, 95), pct(lateness, 99), lateness.get(lateness.size() - 1) / 1000.0,
						lateness.get(0) / 1000.0);
			}
			System.out.println("Per node (handed to SMTP; rate over the node's first to last send):");
			try (var rs = db.createStatement().executeQuery("""
					select sent_by, count(*) as n, extract(epoch from max(sent_at) - min(sent_at)) as secs,
					       min(sent_at) as first, max(sent_at) as last
					from notifications.emails where reason = 'PRE_CALL' and status = 'SENT' group by sent_by order by 1""")) {
				while (rs.next()) {
					double secs = rs.getDouble("secs");
					System.out.printf("  %-40s %6d emails in %6.1f s = %6.1f emails/s  (%s … %s)%n", rs.getString("sent_by"),
							rs.getLong("n"), secs, secs > 0 ? rs.getLong("n") / secs : 0.0,
							rs.getTimestamp("first").toInstant(), rs.getTimestamp("last").toInstant());
				}
			}
			long sent = count(db, "select count(*) from notifications.emails where reason = 'PRE_CALL' and status = 'SENT'");
			long other = count(db, "select count(*) from notifications.emails where reason = 'PRE_CALL' and status <> 'SENT'");
			System.out.printf("Database: %d pre-call emails SENT, %d in another state%n", sent, other);
			boolean ok = missing == 0 && duplicates == 0 && duplicateIds == 0 && sent == calls
					&& !lateness.isEmpty() && pct(lateness, 99) <= 30.0;
			System.out.println(ok ? "TARGET MET: every email handed to SMTP exactly once, p99 lateness <= 30 s"
					: "TARGET MISSED");
			return ok ? 0 : 3;
		}
	}

	static double pct(List<Long> sorted, int p) {
		int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
	}

	static long count(Connection db, String sql) throws Exception {
		try (var rs = db.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Events {@code from} to {@code to}: organised by a rep in the rep's own room, the invite carrying the consent link. */
	static String calendar(String slug, String node, int from, int to, Instant[] due) {
		DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
		StringBuilder s = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Assent bench//EN\r\n");
		String stamp = f.format(Instant.now());
		for (int i = from; i < to; i++) {
			int m = i % MEMBERS;
			Instant start = due[i].plus(LEAD_MINUTES, ChronoUnit.MINUTES);
			s.append("BEGIN:VEVENT\r\nUID:bench-").append(slug).append('-').append(i).append("@bench\r\nDTSTAMP:")
				.append(stamp).append("\r\nDTSTART:").append(f.format(start)).append("\r\nDTEND:")
				.append(f.format(start.plus(30, ChronoUnit.MINUTES))).append("\r\nSUMMARY:Call ").append(i)
				.append("\r\nORGANIZER;CN=Rep ").append(m).append(":mailto:rep").append(m).append('@').append(slug)
				.append(".example\r\nATTENDEE;CN=Guest ").append(i).append(":mailto:guest").append(i)
				.append("@client.example\r\nLOCATION:https://zoom.us/j/8").append(100000 + m)
				.append("\r\nDESCRIPTION:Join through ").append(node).append('/').append(slug).append("/rep").append(m)
				.append(" to choose whether you are recorded.\r\nEND:VEVENT\r\n");
		}
		return s.append("END:VCALENDAR\r\n").toString();
	}

	/** One SMTP session: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP, QUIT. */
	static void session(Socket socket) {
		try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 bench-sink ESMTP");
			List<String> rcpt = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (cmd) {
					case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
					case "HELO" -> reply(out, "250 bench-sink");
					case "MAIL" -> {
						rcpt.clear();
						reply(out, "250 OK");
					}
					case "RCPT" -> {
						Matcher m = Pattern.compile("<([^>]*)>").matcher(line);
						rcpt.add(m.find() ? m.group(1).toLowerCase() : "?");
						reply(out, "250 OK");
					}
					case "DATA" -> {
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
						String messageId = null;
						boolean headers = true;
						while ((line = in.readLine()) != null && !line.equals(".")) {
							if (headers && line.isEmpty()) {
								headers = false;
							}
							else if (headers && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
								messageId = line.substring(11).strip();
							}
						}
						long now = System.currentTimeMillis();
						for (String r : rcpt) {
							arrivals.computeIfAbsent(r, k -> Collections.synchronizedList(new ArrayList<>())).add(now);
						}
						if (messageId != null) {
							messageIds.merge(messageId, 1, Integer::sum);
						}
						received.incrementAndGet();
						reply(out, "250 OK queued");
					}
					case "RSET" -> {
						rcpt.clear();
						reply(out, "250 OK");
					}
					case "NOOP" -> reply(out, "250 OK");
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 Command not implemented");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	static String json(HttpClient http, String method, String url, String token, String body) {
		return send(http, method, url, token, "application/json", body);
	}

	static String send(HttpClient http, String method, String url, String token, String type, String body) {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", type)
				.timeout(Duration.ofMinutes(10))
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() >= 300) {
				throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
			}
			return r.body();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(url + ": " + ex, ex);
		}
	}

}
