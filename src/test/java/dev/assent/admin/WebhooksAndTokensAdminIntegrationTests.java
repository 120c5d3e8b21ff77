package dev.assent.admin;

import java.time.Duration;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.admin.AdminUiIntegrationTests.Admin;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11: tech admins manage outbound webhook subscriptions (J3) and the company's API and SCIM
 * tokens in the admin UI — secrets and new tokens shown once, CSRF on every change, and nothing
 * of another company visible or changeable.
 */
@AssentIntegrationTest
class WebhooksAndTokensAdminIntegrationTests {

	/** A public address literal: accepted as a webhook target without a DNS lookup (nothing listens there). */
	static final String TARGET = "https://93.184.215.14/hooks/assent";

	@LocalServerPort
	int port;

	@Test
	void subscribesShowsTheSecretOnceListsDeliveriesAndRemovesASubscription() {
		Http http = new Http(port);
		TestCompany company = TestCompany.create(http, "hooks-ui");
		Admin admin = adminOf(company, http);

		Http.Response created = admin.submit("/admin/webhooks", "/admin/webhooks",
				Map.of("url", TARGET, "events", "consent.decided"));
		assertThat(created.status()).isEqualTo(302);
		Document withSecret = Jsoup.parse(admin.page("/admin/webhooks"));
		String secret = withSecret.select("#new-secret code.secret").text();
		assertThat(secret).startsWith("whsec_");
		assertThat(withSecret.select("#subscriptions tbody tr td:first-child").eachText()).containsExactly(TARGET);
		assertThat(Jsoup.parse(admin.page("/admin/webhooks")).select("#new-secret")).as("the secret is shown once").isEmpty();
		assertThat(admin.page("/admin/webhooks")).doesNotContain(secret);

		String id = company.get(http, "/api/v1/webhooks").get("items").get(0).get("id").asString();
		assertThat(company.get(http, "/api/v1/webhooks/" + id).get("events").get(0).asString()).isEqualTo("consent.decided");

		// A participant decides: the event is queued for the subscription and shows in its delivery log.
		company.member(http, "Hook Rep", "hookrep", "https://zoom.us/j/55501");
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + company.slug() + "/hookrep").body());
		form.put("choice", "RECORD");
		assertThat(participant.form("/" + company.slug() + "/hookrep", form).status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !Jsoup.parse(admin.page("/admin/webhooks/" + id)).select("#deliveries tbody tr").isEmpty());
		Document log = Jsoup.parse(admin.page("/admin/webhooks/" + id));
		assertThat(log.select("#deliveries tbody tr td:nth-child(2)").eachText()).containsExactly("consent.decided");
		assertThat(log.select("#deliveries tbody tr td:nth-child(3)").text()).isIn("Pending", "Failed", "Delivered");

		// A refused target is explained, nothing is stored.
		admin.submit("/admin/webhooks", "/admin/webhooks", Map.of("url", "https://127.0.0.1/x", "events", "call.skipped"));
		Document refused = Jsoup.parse(admin.page("/admin/webhooks"));
		assertThat(refused.select("[role=alert]").text()).contains("loopback");
		assertThat(refused.select("#subscriptions tbody tr")).hasSize(1);

		// Without the CSRF token nothing changes.
		assertThat(admin.http.form("/admin/webhooks/" + id + "/delete", Map.of()).status()).isEqualTo(403);
		assertThat(admin.submit("/admin/webhooks", "/admin/webhooks/" + id + "/delete", Map.of()).status()).isEqualTo(302);
		assertThat(Jsoup.parse(admin.page("/admin/webhooks")).select("#subscriptions")).isEmpty();
		assertThat(company.get(http, "/api/v1/webhooks").get("items")).isEmpty();
	}

	@Test
	void rotatesAndRevokesTokensShowingTheNewTokenOnce() {
		Http http = new Http(port);
		TestCompany company = TestCompany.create(http, "tokens-ui");
		Admin admin = adminOf(company, http);
		Document page = Jsoup.parse(admin.page("/admin/tokens"));
		assertThat(page.select("#token-api .state").text()).isEqualTo("Active");
		assertThat(page.select("#token-scim .state").text()).isEqualTo("Active");

		assertThat(admin.submit("/admin/tokens", "/admin/tokens/api/rotate", Map.of()).status()).isEqualTo(302);
		Document rotated = Jsoup.parse(admin.page("/admin/tokens"));
		String newToken = rotated.select("#new-token code.secret").text();
		assertThat(newToken).isNotBlank();
		assertThat(Jsoup.parse(admin.page("/admin/tokens")).select("#new-token")).as("shown once").isEmpty();
		assertThat(http.get("/api/v1/members", company.apiToken()).status()).as("the old token stopped").isEqualTo(401);
		assertThat(http.get("/api/v1/members", newToken).status()).isEqualTo(200);

		assertThat(admin.submit("/admin/tokens", "/admin/tokens/scim/revoke", Map.of()).status()).isEqualTo(302);
		assertThat(Jsoup.parse(admin.page("/admin/tokens")).select("#token-scim .state").text()).startsWith("Revoked");
		assertThat(http.get("/scim/v2/Users", company.scimToken()).status()).isEqualTo(401);
		assertThat(admin.http.form("/admin/tokens/api/revoke", Map.of()).status()).as("CSRF").isEqualTo(403);
		assertThat(http.get("/api/v1/members", newToken).status()).isEqualTo(200);
	}

	@Test
	void anotherCompanysAdminSeesAndChangesNothingOfThisCompany() {
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "hooks-a");
		TestCompany b = TestCompany.create(http, "hooks-b");
		Admin adminA = adminOf(a, http);
		Admin adminB = adminOf(b, http);
		adminA.submit("/admin/webhooks", "/admin/webhooks", Map.of("url", TARGET, "events", "call.recorded"));
		String id = a.get(http, "/api/v1/webhooks").get("items").get(0).get("id").asString();

		assertThat(Jsoup.parse(adminB.page("/admin/webhooks")).select("#subscriptions")).isEmpty();
		assertThat(adminB.page("/admin/webhooks")).doesNotContain(TARGET);
		assertThat(adminB.html("/admin/webhooks/" + id).status()).isEqualTo(404);
		assertThat(adminB.submit("/admin/webhooks", "/admin/webhooks/" + id + "/delete", Map.of()).status())
			.isEqualTo(404);
		assertThat(a.get(http, "/api/v1/webhooks").get("items")).hasSize(1);

		adminB.submit("/admin/tokens", "/admin/tokens/api/revoke", Map.of());
		assertThat(http.get("/api/v1/members", a.apiToken()).status()).as("A's token still works").isEqualTo(200);
		assertThat(http.get("/api/v1/members", b.apiToken()).status()).isEqualTo(401);
	}

	private Admin adminOf(TestCompany c, Http http) {
		String email = "admin@" + c.slug() + ".example";
		c.post(http, "/api/v1/members", Map.of("name", "Hook Admin", "email", email, "role", "TECH_ADMIN", "recorded",
				false, "password", "hook-admin-password-123"));
		Admin admin = new Admin(new Http(port));
		assertThat(admin.signIn(email, "hook-admin-password-123").header("Location")).endsWith("/admin");
		return admin;
	}

}
