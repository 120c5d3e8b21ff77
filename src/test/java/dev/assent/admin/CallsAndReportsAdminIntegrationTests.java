package dev.assent.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.admin.AdminUiIntegrationTests.Admin;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The calls lists (all calls for tech admins, "My calls" for every member; PRODUCT D1, D7, R3) and
 * the Reports page with the opt-out rate chart and the consent-link downloads (R1, R2).
 */
@AssentIntegrationTest
class CallsAndReportsAdminIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Test
	void adminsSeeEveryCallRepsTheirOwnWithStatusOwnerAndConsentCounts() {
		clock.set(Instant.now());
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "calls-ui");
		Admin admin = adminOf(b, http);
		member(http, b, "Rita Rep", "rita", true);
		member(http, b, "Sam Seller", "sam", true);
		Instant soon = clock.instant().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		schedule(http, b, "rita", "Rita's pricing call", soon);
		// Two days later: the list's "from" day keeps calls that end after its start (UTC), so Rita's one-hour call
		// must not reach into Sam's day, whatever the time of day the test runs (it failed between 23:00 and 24:00 UTC).
		Instant samsDay = soon.plus(Duration.ofDays(2));
		schedule(http, b, "sam", "Sam's discovery call", samsDay);

		// A participant of Rita's call opts out on her page: the call is skipped.
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + b.slug() + "/rita").body());
		form.put("choice", "DONT_RECORD");
		assertThat(participant.form("/" + b.slug() + "/rita", form).status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> admin.page("/admin/calls?status=SKIPPED").contains("Rita&#39;s pricing call"));

		Document all = Jsoup.parse(admin.page("/admin/calls"));
		assertThat(all.select("tbody tr td:first-child a").eachText())
			.containsExactly("Rita's pricing call", "Sam's discovery call");
		List<String> rita = all.select("tbody tr").get(0).select("td").eachText();
		assertThat(rita.get(2)).isEqualTo("Rita Rep");
		assertThat(rita.get(3)).isEqualTo("Skipped A participant opted out");
		assertThat(rita.subList(4, 7)).as("consented, opted out, no answer").containsExactly("0", "1", "0");
		assertThat(all.select("tbody tr a").first().attr("href")).startsWith("/admin/calls/");

		Document skipped = Jsoup.parse(admin.page("/admin/calls?status=SKIPPED"));
		assertThat(skipped.select("tbody tr td:first-child").eachText()).containsExactly("Rita's pricing call");
		Document later = Jsoup.parse(admin.page("/admin/calls?from=" + samsDay.toString().substring(0, 10)));
		assertThat(later.select("tbody tr td:first-child").eachText()).containsExactly("Sam's discovery call");

		Admin ritaSignedIn = new Admin(new Http(port));
		ritaSignedIn.signIn("rita@" + b.slug() + ".example", "rita-password-12345");
		Document mine = Jsoup.parse(ritaSignedIn.page("/admin/me/calls"));
		assertThat(mine.select("tbody tr td:first-child").eachText()).containsExactly("Rita's pricing call");
		assertThat(ritaSignedIn.http.get("/admin/calls").status()).as("reps do not see every call").isEqualTo(403);

		Admin acme = new Admin(new Http(port));
		acme.signIn(AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);
		assertThat(acme.page("/admin/calls?status=SKIPPED")).doesNotContain("Rita&#39;s pricing call");

		// The opt-out shows in the rate: 1 of 1 calls where the page was used, per member.
		await().atMost(Duration.ofSeconds(20)).until(
				() -> Jsoup.parse(admin.page("/admin/reports?groupBy=member")).select("table tbody tr").size() == 1);
		Document report = Jsoup.parse(admin.page("/admin/reports?groupBy=member"));
		assertThat(report.select("table tbody tr td").eachText()).containsExactly("Rita Rep", "Whole range", "1", "1",
				"100.0%");
		assertThat(report.select("svg[role=img] title").text()).isNotBlank();
		assertThat(report.select("svg g text").eachText()).contains("Rita Rep", "100.0 %");
		assertThat(report.select("svg rect[fill=#1f5fbf]").attr("width")).isEqualTo("340.0");
		assertThat(report.select("a[href=/admin/reports/consent-links.xlsx]")).hasSize(1);
		Http.Response xlsx = admin.http.get("/admin/reports/consent-links.xlsx");
		assertThat(xlsx.status()).isEqualTo(200);
		assertThat(xlsx.header("Content-Type"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(admin.http.get("/admin/reports/consent-links.csv").body()).contains("Rita Rep", "Sam Seller");
		assertThat(Jsoup.parse(admin.page("/admin/reports?groupBy=colour")).select("[role=alert]").text())
			.contains("not valid");
	}

	private Admin adminOf(TestCompany b, Http http) {
		String email = "admin@" + b.slug() + ".example";
		b.post(http, "/api/v1/members", Map.of("name", "B Admin", "email", email, "role", "TECH_ADMIN", "recorded", false,
				"password", "b-admin-password-123"));
		Admin admin = new Admin(new Http(port));
		assertThat(admin.signIn(email, "b-admin-password-123").header("Location")).endsWith("/admin");
		return admin;
	}

	private static void member(Http http, TestCompany c, String name, String slug, boolean recorded) {
		c.post(http, "/api/v1/members", Map.of("name", name, "email", slug + "@" + c.slug() + ".example", "slug", slug,
				"recorded", recorded, "personalMeetingUrl", "https://zoom.us/j/" + Math.abs(slug.hashCode()), "password",
				slug + "-password-12345"));
	}

	private static void schedule(Http http, TestCompany c, String owner, String title, Instant start) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", owner + "@" + c.slug() + ".example");
		body.put("provider", "ZOOM");
		body.put("start", start.toString());
		body.put("end", start.plus(Duration.ofHours(1)).toString());
		body.put("timeZone", "UTC");
		body.put("invitees", List.of(Map.of("email", "guest@client.example", "name", "Guest")));
		c.post(http, "/api/v1/meetings", body);
	}

}
