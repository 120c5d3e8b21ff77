package dev.assent.calls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing a calendar file in the admin UI lists every skipped event with its line and reason (issue 8). */
@AssentIntegrationTest
class CalendarImportAdminIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	Http http;

	@BeforeEach
	void setUp() {
		clock.set(Instant.parse("2030-03-01T00:00:00Z"));
		http = new Http(port);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", Http.hiddenFields(http.get("/login").body()).get("_csrf"));
		form.put("username", AssentIntegrationTest.ADMIN_EMAIL);
		form.put("password", AssentIntegrationTest.ADMIN_PASSWORD);
		assertThat(http.form("/login", form).status()).isEqualTo(302);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	@Test
	void showsTheSkippedEventsOfAFileWithTheirLineAndReason() {
		String page = http.get("/admin/meetings/import").body();
		String csrf = Http.hiddenFields(page).get("_csrf");
		String boundary = "----assent-import";
		String ics = CalendarImportIntegrationTests.fixture("one-broken-event.ics").replace("good-", "admin-good-");
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.ics\"\r\n"
				+ "Content-Type: text/calendar\r\n\r\n" + ics + "\r\n--" + boundary + "--\r\n";

		Http.Response r = http.bytes("POST", "/admin/meetings/import", "unused", "multipart/form-data; boundary=" + boundary,
				body.getBytes(StandardCharsets.UTF_8));

		assertThat(r.status()).as(r.body()).isEqualTo(200);
		Document doc = Jsoup.parse(r.body());
		assertThat(doc.select("#imported").text()).isEqualTo("2 created, 0 updated, 3 skipped");
		assertThat(doc.select("ul.imported li")).extracting(e -> e.text())
			.containsExactlyInAnyOrder("Created: First good", "Created: Second good");
		assertThat(doc.select("tr.skipped td:first-child")).extracting(e -> e.text()).containsExactlyInAnyOrder("13", "21", "29");
		assertThat(doc.select("tr.skipped:contains(Broken date)").text()).contains("line 16");
		assertThat(http.get("/admin/calls").body()).contains("/admin/meetings/import");
	}

}
