import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SCIM load for bench/scim/run.sh (issue 11). Runs on JDK 17+ as a single source file.
 *   provision <base> <scimToken> <users> <concurrency>   one POST /scim/v2/Users per user
 *   lookup <base> <scimToken> <lookups> <concurrency> <warmup> <emailsFile>
 *                                                        GET /scim/v2/Users?filter=userName eq "…"
 * Prints one summary line per phase; exits non-zero when any answer was not the expected one.
 */
public class ScimLoad {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "provision" -> provision(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			case "lookup" -> lookup(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					Integer.parseInt(args[5]), java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[6])));
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	static void provision(String base, String token, int users, int concurrency) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger bad = new AtomicInteger();
		long[] micros = new long[users];
		long start = System.nanoTime();
		runAll(concurrency, () -> {
			int i;
			while ((i = next.getAndIncrement()) < users) {
				String email = String.format("user%06d@bench.example", i);
				String body = """
						{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%d",
						 "name":{"givenName":"User","familyName":"%06d"},"displayName":"User %06d",
						 "emails":[{"value":"%s","type":"work","primary":true}],"active":true}""".formatted(email, i, i, i, email);
				HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/scim/v2/Users"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/scim+json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				long t0 = System.nanoTime();
				HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
				micros[i] = (System.nanoTime() - t0) / 1000;
				if (r.statusCode() != 201 && bad.getAndIncrement() < 5) {
					System.err.println("POST " + email + " → " + r.statusCode() + " " + r.body());
				}
			}
			return null;
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("provision: %d users, %d at a time, %.1f s (%.0f users/s), per request p50 %.1f ms p99 %.1f ms max %.1f ms, not 201: %d%n",
				users, concurrency, seconds, users / seconds, pct(micros, 50), pct(micros, 99), pct(micros, 100), bad.get());
		System.out.println(users >= 10_000 ? "provision TARGET (10,000 users in ≤ 60 s): "
				+ (seconds * 10_000 / users <= 60 && bad.get() == 0 ? "MET" : "MISSED")
				: "provision target (10,000 users in ≤ 60 s): not judged, fewer users");
		if (bad.get() > 0) {
			System.exit(1);
		}
	}

	static void lookup(String base, String token, int lookups, int concurrency, int warmup, List<String> emails)
			throws Exception {
		Random random = new Random(42);
		String[] picks = new String[warmup + lookups];
		for (int i = 0; i < picks.length; i++) {
			picks[i] = emails.get(random.nextInt(emails.size()));
		}
		AtomicInteger next = new AtomicInteger();
		AtomicInteger bad = new AtomicInteger();
		long[] micros = new long[lookups];
		long[] start = new long[1];
		runAll(concurrency, () -> {
			int i;
			while ((i = next.getAndIncrement()) < picks.length) {
				if (i == warmup) {
					start[0] = System.nanoTime();
				}
				String filter = URLEncoder.encode("userName eq \"" + picks[i] + "\"", StandardCharsets.UTF_8);
				HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/scim/v2/Users?filter=" + filter))
					.header("Authorization", "Bearer " + token)
					.header("Accept", "application/scim+json")
					.GET()
					.build();
				long t0 = System.nanoTime();
				HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
				long us = (System.nanoTime() - t0) / 1000;
				if (i >= warmup) {
					micros[i - warmup] = us;
				}
				if ((r.statusCode() != 200 || !r.body().contains("\"totalResults\":1")) && bad.getAndIncrement() < 5) {
					System.err.println("GET " + picks[i] + " → " + r.statusCode() + " " + r.body());
				}
			}
			return null;
		});
		double seconds = (System.nanoTime() - start[0]) / 1e9;
		System.out.printf("lookup: %d filters userName eq among %d members, %d at a time (after %d warm-up), %.1f s (%.0f/s): p50 %.2f ms p95 %.2f ms p99 %.2f ms max %.2f ms, wrong answers: %d%n",
				lookups, emails.size(), concurrency, warmup, seconds, lookups / seconds, pct(micros, 50), pct(micros, 95),
				pct(micros, 99), pct(micros, 100), bad.get());
		System.out.println(emails.size() >= 100_000 ? "lookup TARGET (p99 ≤ 20 ms among 100,000 members): "
				+ (pct(micros, 99) <= 20 && bad.get() == 0 ? "MET" : "MISSED")
				: "lookup target (p99 ≤ 20 ms among 100,000 members): not judged, fewer members");
		if (bad.get() > 0) {
			System.exit(1);
		}
	}

	interface Work {
		Void run() throws Exception;
	}

	static void runAll(int threads, Work work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Void>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(work::run));
		}
		for (Future<Void> f : futures) {
			f.get();
		}
		pool.shutdown();
	}

	/** The p-th percentile in milliseconds (nearest rank). */
	static double pct(long[] micros, double p) {
		long[] sorted = micros.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
	}

}
