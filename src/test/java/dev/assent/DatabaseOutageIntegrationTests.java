package dev.assent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.PostgresControl;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7, back-pressure and timeouts: the database is stopped for 30 s (a real {@code pg_ctl stop}
 * of the embedded cluster) while participants keep deciding. Every decision answered {@code 303}
 * has its row; the others are answered {@code 503} with {@code Retry-After} and a page that says
 * to try again; health says DOWN meanwhile; once the database is back the service recovers by
 * itself, without a restart.
 */
class DatabaseOutageIntegrationTests {

	static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("assent.test.outage-seconds", 30));

	@TempDir
	Path data;

	@Test
	void decisionsDuringADatabaseOutageAre503WithRetryAfterNeverA303WithoutItsRowAndServiceRecovers()
			throws Exception {
		Path pg = data.resolve("pg");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AssentApplication.class).run(
				"--server.port=0", "--assent.db.data-dir=" + pg, "--assent.demo=false",
				"--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
				// The load comes from one address; the per-participant limit still applies.
				"--assent.consent-page.rate-limit.per-address=0")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			Http http = new Http(port);
			TestCompany c = TestCompany.create(http, "outage");
			c.member(http, "Dora Down", "dora", "https://zoom.us/j/7000001");
			c.member(http, "Eve Unseen", "eve", "https://zoom.us/j/7000002"); // her page is first asked for during the outage
			// The page speaks the participant's language among those the profile enables (C8): English and German.
			String profileId = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
			c.patch(http, "/api/v1/consent-profiles/" + profileId, Map.of("languages", List.of("en", "de")));
			String page = "/" + c.slug() + "/dora";
			assertThat(http.get(page).status()).isEqualTo(200);

			Set<String> redirected = ConcurrentHashMap.newKeySet();
			List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
			AtomicInteger unavailable = new AtomicInteger();
			AtomicInteger withoutRetryAfter = new AtomicInteger();
			AtomicInteger tellsToTryAgain = new AtomicInteger();
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService load = Executors.newFixedThreadPool(6);
			for (int t = 0; t < 6; t++) {
				boolean german = t % 2 == 0;
				load.submit(() -> {
					Http participant = new Http(port);
					while (running.get()) {
						participant.clearCookies();
						// The participant's browser asks for its language on the page and on the decision alike.
						Http.Response view = participant.getWith(page, "Accept-Language", german ? "de-DE,de" : "en");
						if (view.status() != 200) {
							unexpected.add("GET " + view.status());
							continue;
						}
						Map<String, String> form = Http.hiddenFields(view.body());
						form.put("choice", "RECORD");
						Http.Response r = participant.formWith(page, form, "Accept-Language", german ? "de-DE,de" : "en");
						if (r.status() == 303) {
							redirected.add(form.get("view"));
						}
						else if (r.status() == 503) {
							unavailable.incrementAndGet();
							if (r.header("Retry-After") == null || !r.header("Retry-After").matches("\\d+")) {
								withoutRetryAfter.incrementAndGet();
							}
							if (r.body().contains(german ? "wählen Sie erneut" : "choose again")) {
								tellsToTryAgain.incrementAndGet();
							}
						}
						else {
							unexpected.add("POST " + r.status());
						}
					}
					return null;
				});
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> redirected.size() >= 20);

			PostgresControl postgres = PostgresControl.of(pg);
			postgres.stop();
			Instant stopped = Instant.now();
			await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/actuator/health").status() == 503);
			assertThat(http.get("/actuator/health").body()).contains("DOWN");
			await().atMost(OUTAGE).until(() -> unavailable.get() >= 10);
			// The API says to try again too, with a problem detail (not a 500 "fault on our side").
			Http.Response api = http.json("POST", "/api/v1/teams", c.apiToken(), Map.of("name", "During the outage"));
			assertThat(api.status()).as(api.body()).isEqualTo(503);
			assertThat(api.header("Retry-After")).isEqualTo("5");
			assertThat(api.body()).contains("unavailable");
			// A page not served before cannot be resolved: 503 and a page in the participant's language, not a 500.
			Http.Response unseen = new Http(port).getWith("/" + c.slug() + "/eve", "Accept-Language", "de-DE,de");
			assertThat(unseen.status()).as(unseen.body()).isEqualTo(503);
			assertThat(unseen.header("Retry-After")).isEqualTo("5");
			assertThat(unseen.body()).contains("Besprechungsseite kann gerade nicht angezeigt werden")
				.contains("lang=\"de\"");
			long left = OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis();
			if (left > 0) {
				Thread.sleep(left); // the outage itself lasts this long (wall time, not business time)
			}
			int redirectedBeforeRestart = redirected.size();
			postgres.start();

			// Recovers by itself: health UP and decisions stored again, no restart.
			await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health").status() == 200);
			await().atMost(Duration.ofSeconds(30)).until(() -> redirected.size() >= redirectedBeforeRestart + 20);
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

			assertThat(unexpected).isEmpty();
			assertThat(unavailable.get()).isGreaterThanOrEqualTo(10);
			assertThat(withoutRetryAfter.get()).isZero();
			assertThat(tellsToTryAgain.get()).isEqualTo(unavailable.get());
			// Never a 303 without its row.
			List<String> stored = jdbc.sql("select view_key from consentpage.decisions where company_id = ?::uuid")
				.param(c.id())
				.query(String.class)
				.list();
			assertThat(stored).containsAll(redirected);
		}
	}

}
