package dev.assent.consentpage;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The public consent page end to end over HTTP (PRODUCT C1–C4, C10). */
@AssentIntegrationTest
class ConsentPageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http browser;

	@BeforeEach
	void newBrowser() {
		browser = new Http(port);
	}

	long decisions() {
		return jdbc.sql("select count(*) from consentpage.decisions").query(Long.class).single();
	}

	@Test
	void showsTheMembersMeetingWithNoticeAndChoices() {
		Http.Response page = browser.get("/acme/michael");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Join Michael Scott&#39;s meeting", "Acme Corp records sales meetings",
				"Join and record", "Join but don&#39;t record", "https://acme.example/privacy");
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
	}

	@Test
	void optOutIsStoredOnceAndRedirectsToTheProviderLink() {
		Map<String, String> form = Http.hiddenFields(browser.get("/acme/michael").body());
		form.put("choice", "DONT_RECORD");
		long before = decisions();

		Http.Response first = browser.form("/acme/michael", form);
		Http.Response retried = browser.form("/acme/michael", form);

		assertThat(first.status()).isEqualTo(303);
		assertThat(first.header("Location")).isEqualTo("https://us02web.zoom.us/j/81234567890");
		assertThat(retried.status()).isEqualTo(303);
		assertThat(decisions()).isEqualTo(before + 1);
	}

	@Test
	void refusesADecisionWithoutOrWithAForgedCsrfToken() {
		Map<String, String> form = Http.hiddenFields(browser.get("/acme/michael").body());
		long before = decisions();

		Map<String, String> missing = new java.util.HashMap<>(form);
		missing.remove("_csrf");
		missing.put("choice", "RECORD");
		Map<String, String> forged = new java.util.HashMap<>(form);
		forged.put("_csrf", "AAAAAAAAAAAAAAAAAAAAAA");
		forged.put("choice", "RECORD");

		assertThat(browser.form("/acme/michael", missing).status()).isEqualTo(403);
		assertThat(browser.form("/acme/michael", forged).status()).isEqualTo(403);
		assertThat(new Http(port).form("/acme/michael", Map.of("choice", "RECORD")).status()).isEqualTo(403);
		assertThat(decisions()).isEqualTo(before);
	}

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void countsPagesAndDecisionsServedOnTheLeanPath() {
		double views = meters.counter("assent.consentpage.views").count();
		double taken = meters.counter("assent.consentpage.decisions").count();

		Map<String, String> form = Http.hiddenFields(browser.get("/acme/michael").body());
		form.put("choice", "RECORD");
		browser.form("/acme/michael", form);
		browser.get("/acme/nobody");

		assertThat(meters.counter("assent.consentpage.views").count()).isEqualTo(views + 1);
		assertThat(meters.counter("assent.consentpage.decisions").count()).isEqualTo(taken + 1);
	}

	@Test
	void viewingThePageNeverRecordsADecision() {
		long before = decisions();
		for (int i = 0; i < 5; i++) {
			assertThat(browser.get("/acme/michael").status()).isEqualTo(200);
		}
		assertThat(decisions()).isEqualTo(before);
	}

	@Test
	void unknownCompanyOrMemberGetsAFriendlyNotFoundPage() {
		for (String path : new String[] { "/acme/nobody", "/nocompany/michael", "/acme/ryan" }) {
			Http.Response r = browser.get(path);
			assertThat(r.status()).as(path).isEqualTo(404);
			assertThat(r.body()).as(path).contains("This link does not lead to a meeting");
		}
	}

}
