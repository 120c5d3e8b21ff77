package dev.assent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and starting Assent on the same data folder loses nothing. */
class RestartIntegrationTests {

	@TempDir
	Path data;

	@Test
	void keepsCompaniesProfilesMembersAndDecisionsAcrossARestart() {
		String companySlug;
		String apiToken;
		String memberId;
		try (ConfigurableApplicationContext first = start()) {
			Http http = new Http(port(first));
			TestCompany c = TestCompany.create(http, "durable");
			companySlug = c.slug();
			apiToken = c.apiToken();
			c.post(http, "/api/v1/consent-profiles", Map.of("name", "Kept", "participantChoice", "MUST_CONSENT"));
			memberId = c.member(http, "Rex Restart", "rex", "https://zoom.us/j/90").get("id").asString();
			Map<String, String> form = Http.hiddenFields(http.get("/" + companySlug + "/rex").body());
			form.put("choice", "DONT_RECORD");
			assertThat(http.form("/" + companySlug + "/rex", form).status()).isEqualTo(303);
		}
		assertThat(Files.isDirectory(data.resolve("pg"))).isTrue();

		try (ConfigurableApplicationContext second = start()) {
			Http http = new Http(port(second));
			assertThat(http.get("/api/v1/consent-profiles", apiToken).body()).contains("Kept");
			assertThat(http.get("/api/v1/members/" + memberId, apiToken).json().get("name").asString())
				.isEqualTo("Rex Restart");
			assertThat(http.get("/api/v1/consent-decisions?member=" + memberId, apiToken).json().get("items").get(0)
				.get("choice").asString()).isEqualTo("DONT_RECORD");
			assertThat(http.get("/" + companySlug + "/rex").body()).contains("Rex Restart");
			// The demo seed ran on the empty database only; seeding again would have failed the start.
			assertThat(http.get("/acme/michael").status()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(AssentApplication.class).run("--server.port=0",
				"--assent.db.data-dir=" + data.resolve("pg"), "--assent.demo=true");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
