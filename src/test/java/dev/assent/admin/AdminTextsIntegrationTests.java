package dev.assent.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin page, rendered for real as a tech admin (and the error pages a member meets), takes
 * its texts from admin-messages.properties (issue 10, STYLE message bundles): a key missing from
 * the bundle renders as {@code ??key_en??}, which no page may show.
 */
@AssentIntegrationTest
class AdminTextsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyAdminPageRendersItsTextsFromTheBundle() {
		Http anonymous = new Http(port);
		String login = anonymous.get("/login").body();
		assertThat(login).contains("Assent admin: consent for recorded calls.").doesNotContain("??");

		AdminUiIntegrationTests.Admin admin = new AdminUiIntegrationTests.Admin(new Http(port));
		admin.signIn(AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);
		String callId = jdbc.sql("select c.id::text from calls.calls c join accounts.companies co on co.id = c.company_id "
				+ "where co.slug = 'acme' order by c.planned_start limit 1").query(String.class).single();
		String profileId = jdbc.sql("select p.id::text from profiles.consent_profiles p join accounts.companies co "
				+ "on co.id = p.company_id where co.slug = 'acme' and not p.is_default limit 1").query(String.class).single();
		String memberId = jdbc.sql("select m.id::text from accounts.members m join accounts.companies co "
				+ "on co.id = m.company_id where co.slug = 'acme' limit 1").query(String.class).single();
		String teamId = jdbc.sql("select t.id::text from accounts.teams t join accounts.companies co "
				+ "on co.id = t.company_id where co.slug = 'acme' limit 1").query(String.class).single();

		List<String> unresolved = new ArrayList<>();
		Map<String, String> pages = new java.util.LinkedHashMap<>();
		pages.put("/admin", "Consent for recorded calls: who is recorded");
		pages.put("/admin/members", "Add team member");
		pages.put("/admin/members?q=zzzz-nobody", "No team member matches these filters.");
		pages.put("/admin/members/new", "Lets the member sign in; at least 12 characters.");
		pages.put("/admin/members/" + memberId, "Consent profile in effect:");
		pages.put("/admin/teams", "Create team");
		pages.put("/admin/teams/" + teamId, "The team&#39;s profile applies");
		pages.put("/admin/profiles", "New consent profile");
		pages.put("/admin/profiles/" + profileId + "/delete", "Delete profile");
		pages.put("/admin/consent-page", "Company link name");
		pages.put("/admin/decisions", "Participant decisions");
		pages.put("/admin/calls/" + callId, "Call info");
		pages.put("/admin/me", "Your personal consent link");
		pages.put("/admin/recorder", "Latest commands");
		for (Map.Entry<String, String> page : pages.entrySet()) {
			String html = admin.page(page.getKey());
			assertThat(html).as("GET %s", page.getKey()).contains(page.getValue());
			if (html.contains("??")) {
				unresolved.add(page.getKey() + ": " + html.substring(html.indexOf("??"), Math.min(html.length(), html.indexOf("??") + 60)));
			}
		}
		Http.Response notFound = admin.html("/admin/members/00000000-0000-0000-0000-000000000000");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.body()).contains("We could not find that page").doesNotContain("??");

		Http.Response preview = admin.submit("/admin/consent-page", "/admin/consent-page/preview",
				Map.of("policyUrl", "javascript:alert(1)", "previewProfile", profileId));
		assertThat(preview.status()).isEqualTo(400);
		assertThat(preview.body()).contains("The preview cannot be shown").doesNotContain("??");

		assertThat(unresolved).isEmpty();
	}

	@Test
	void aMemberMeetsTheForbiddenPageInWordsFromTheBundle() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "texts");
		String email = "rep@" + b.slug() + ".example";
		b.post(http, "/api/v1/members", Map.of("name", "Tex Rep", "email", email, "slug", "tex", "recorded", true,
				"password", "tex-password-1234567"));
		AdminUiIntegrationTests.Admin tex = new AdminUiIntegrationTests.Admin(new Http(port));
		tex.signIn(email, "tex-password-1234567");

		Http.Response forbidden = tex.html("/admin/members");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.body()).contains("This page is not for your account", "Not allowed · Assent")
			.doesNotContain("??");
		String me = tex.page("/admin/me");
		assertThat(me).contains("Put this link in your meeting invitations", "Save meeting link").doesNotContain("??");
	}

}
