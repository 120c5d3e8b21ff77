package dev.assent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Assent nodes on one PostgreSQL: a profile change made through one node reaches the other
 * node's page cache without a restart or a cache lifetime running out (PRODUCT P4, DESIGN scale-out).
 */
class TwoNodesIntegrationTests {

	@TempDir
	Path data;

	@Test
	void aProfileChangeOnOneNodeShowsOnTheOtherNodesNextViews() {
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(AssentApplication.class)
			.run("--server.port=0", "--assent.db.data-dir=" + data.resolve("pg"), "--assent.demo=false")) {
			int dbPort = first.getBean(EmbeddedPostgres.class).getPort();
			try (ConfigurableApplicationContext second = new SpringApplicationBuilder(AssentApplication.class).run(
					"--server.port=0", "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
					"--spring.datasource.username=postgres", "--assent.demo=false")) {
				Http one = new Http(port(first));
				Http two = new Http(port(second));
				TestCompany c = TestCompany.create(one, "nodes");
				c.member(one, "Nora Node", "nora", "https://zoom.us/j/91");
				String page = "/" + c.slug() + "/nora";
				assertThat(two.get(page).body()).contains("Join and record");
				String profile = c.get(one, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();

				c.patch(one, "/api/v1/consent-profiles/" + profile, Map.of("participantChoice", "MUST_CONSENT"));

				assertThat(one.get(page).body()).contains("Consent and join");
				await().atMost(Duration.ofSeconds(5))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> two.get(page).body().contains("Consent and join"));
				assertThat(two.get(page).body()).doesNotContain("Join and record");
			}
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
