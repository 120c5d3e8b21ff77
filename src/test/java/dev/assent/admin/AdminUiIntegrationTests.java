package dev.assent.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.accounts.MemberDraft;
import dev.assent.accounts.MemberManagement;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI over HTTP, as a browser without JavaScript uses it: sign-in, the team members list
 * with its consent profile column and filters (PRODUCT T3), profiles and their deletion (P6),
 * teams, the consent page settings with preview and logo (C5, C6), My profile (L2), and tenant
 * isolation (T1): another company's ids answer 404 on every admin route.
 */
@AssentIntegrationTest
class AdminUiIntegrationTests {

	static final String PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	@LocalServerPort
	int port;

	@Autowired
	MemberManagement members;

	// --- signing in

	@Test
	void signsInWithTheRightPasswordAndRefusesAWrongOne() {
		Admin someone = new Admin(new Http(port));

		Http.Response wrong = someone.signIn(AssentIntegrationTest.ADMIN_EMAIL, "not-the-password-at-all");
		assertThat(wrong.status()).isEqualTo(302);
		assertThat(wrong.header("Location")).endsWith("/login?error");
		assertThat(someone.http.get(wrong.header("Location")).body()).contains("Wrong email or password");
		assertThat(someone.http.get("/admin").status()).as("still signed out").isEqualTo(302);

		Http.Response right = someone.signIn(AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);
		assertThat(right.status()).isEqualTo(302);
		assertThat(right.header("Location")).contains("/admin");
		String dashboard = someone.page("/admin");
		assertThat(dashboard).contains("<h1>Acme Corp</h1>", "Team members", "Recorded members", "Consent profiles",
				"Participant decisions", "href=\"/admin/members\"", "href=\"/admin/consent-page\"");
	}

	@Test
	void adminPagesNeedASignInAndSigningOutEndsTheSession() {
		Http anonymous = new Http(port);
		Http.Response redirect = anonymous.get("/admin/members");
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).endsWith("/login");

		Admin admin = acmeAdmin();
		Http.Response out = admin.submit("/admin", "/logout", Map.of());
		assertThat(out.header("Location")).endsWith("/login?logout");
		assertThat(admin.http.get(out.header("Location")).body()).contains("You are signed out");
		assertThat(admin.http.get("/admin").status()).isEqualTo(302);
	}

	@Test
	void membersWithoutTheAdminRoleReachOnlyTheirOwnProfile() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "member-role");
		String email = "rep@" + b.slug() + ".example";
		b.post(http, "/api/v1/members", Map.of("name", "Rita Rep", "email", email, "slug", "rita", "recorded", true,
				"password", "rita-password-12345"));
		Admin rita = new Admin(new Http(port));
		assertThat(rita.signIn(email, "rita-password-12345").header("Location")).endsWith("/admin/me");

		Http.Response dashboard = rita.html("/admin");
		assertThat(dashboard.status()).isEqualTo(403);
		assertThat(dashboard.body()).contains("This page is not for your account", "href=\"/admin/me\"");
		assertThat(rita.http.get("/admin/members").status()).isEqualTo(403);

		String me = rita.page("/admin/me");
		assertThat(me).contains("Rita Rep", "/" + b.slug() + "/rita", "Personal meeting link")
			.doesNotContain("href=\"/admin/members\"");
		Http.Response saved = rita.submit("/admin/me", "/admin/me", Map.of("personalMeetingUrl", "https://zoom.us/j/4242"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(rita.page("/admin/me")).contains("Saved your personal meeting link", "value=\"https://zoom.us/j/4242\"");
		assertThat(b.get(http, "/api/v1/members?q=rita").get("items").get(0).get("personalMeetingUrl").asString())
			.isEqualTo("https://zoom.us/j/4242");

		Http.Response bad = rita.submit("/admin/me", "/admin/me", Map.of("personalMeetingUrl", "not a link"));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errorNextTo(bad.body(), "personalMeetingUrl")).contains("is not a valid link");
	}

	@Test
	void dashboardCountsTheCompanyAndShowsARecordedAdminTheirPersonalLink() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "dashboard");
		b.member(http, "Sam Seller", "sam", "https://zoom.us/j/1");
		b.post(http, "/api/v1/members", Map.of("name", "Nora Nonrecorded", "email", "nora@" + b.slug() + ".example",
				"recorded", false));
		String email = "admin@" + b.slug() + ".example";
		b.post(http, "/api/v1/members", Map.of("name", "Rae Recorded", "email", email, "slug", "rae", "role",
				"TECH_ADMIN", "recorded", true, "password", "rae-password-123456"));
		Admin rae = new Admin(new Http(port));
		rae.signIn(email, "rae-password-123456");

		String dashboard = rae.page("/admin");

		assertThat(dashboard).contains("<h1>dashboard Inc</h1>", "Your personal link", "/" + b.slug() + "/rae");
		assertThat(statValue(dashboard, "Team members")).isEqualTo("3");
		assertThat(statValue(dashboard, "Recorded members")).isEqualTo("2");
		assertThat(statValue(dashboard, "Consent profiles")).isEqualTo("1");
		assertThat(statValue(dashboard, "Participant decisions")).isEqualTo("0");
		assertThat(acmeAdmin().page("/admin")).as("the demo admin is not recorded").doesNotContain("Your personal link");
	}

	// --- team members (PRODUCT T3)

	@Test
	void membersPageShowsEachMembersConsentProfileAndWhereItComesFrom() {
		String page = acmeAdmin().page("/admin/members");

		assertThat(page).contains("<th scope=\"col\">Consent profile</th>", "<th scope=\"col\">Consent link</th>");
		assertThat(row(page, "Michael Scott")).contains("michael@acme.example", "Sales", "Default", "company default",
				"/acme/michael\"");
		assertThat(row(page, "Pam Beesly")).contains("EMEA strict", "from team EMEA Sales");
		assertThat(row(page, "Ryan Howard")).contains("Not recorded").doesNotContain("/acme/ryan");
	}

	@Test
	void membersPageFiltersByProfileNameTeamAndText() {
		Admin admin = acmeAdmin();

		String emea = admin.page("/admin/members?profile=EMEA");
		assertThat(emea).contains("Pam Beesly").doesNotContain("Michael Scott", "Dwight Schrute");
		assertThat(emea).contains("value=\"EMEA\"");

		String michael = admin.page("/admin/members?q=michael%40acme");
		assertThat(michael).contains("Michael Scott").doesNotContain("Pam Beesly", "Dwight Schrute");

		String sdr = admin.page("/admin/members?team=" + idOf(admin.page("/admin/teams"), "/admin/teams/", "SDR"));
		assertThat(sdr).contains("Jim Halpert").doesNotContain("Michael Scott", "Pam Beesly");

		assertThat(admin.page("/admin/members?profile=no-such-profile")).contains("No team members match")
			.doesNotContain("Pam Beesly");
	}

	@Test
	void membersSearchAnswersHtmxWithTheTableFragmentOnly() {
		Admin admin = acmeAdmin();

		Http.Response fragment = admin.http.getWith("/admin/members?profile=EMEA", "HX-Request", "true");

		assertThat(fragment.status()).isEqualTo(200);
		assertThat(fragment.body().strip()).startsWith("<div id=\"members-table\"").doesNotContain("<html", "<nav");
		assertThat(fragment.body()).contains("Pam Beesly").doesNotContain("Michael Scott");
		assertThat(fragment.header("Vary")).contains("HX-Request");
		// The full page wires htmx from the webjar, without inline script.
		String page = admin.page("/admin/members");
		assertThat(page).contains("hx-get=\"/admin/members\"", "hx-target=\"#members-table\"",
				"<script src=\"/webjars/htmx.org/").doesNotContain("<script>", "style=\"", "onclick");
		assertThat(admin.http.get(scriptSource(page)).status()).isEqualTo(200);
	}

	@Test
	void membersListIsPagedAndKeepsItsFiltersAcrossPages() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "paging");
		for (int i = 1; i <= 27; i++) {
			b.post(http, "/api/v1/members", Map.of("name", String.format("Seller %02d", i), "email",
					"seller" + i + "@" + b.slug() + ".example", "recorded", true));
		}
		b.post(http, "/api/v1/members", Map.of("name", "Zed Outsider", "email", "zed@" + b.slug() + ".example"));
		Admin admin = adminOf(b, http);

		String first = admin.page("/admin/members?q=seller");
		assertThat(first).contains("1–25 of 27 team members matching", "Page 1 of 2", "Seller 01", "Seller 25")
			.doesNotContain("Seller 26", "Zed Outsider", "rel=\"prev\"");
		Matcher next = Pattern.compile("rel=\"next\"\\s+href=\"([^\"]+)\"").matcher(first);
		assertThat(next.find()).isTrue();
		assertThat(next.group(1)).isEqualTo("/admin/members?q=seller&amp;page=2");

		String second = admin.page("/admin/members?q=seller&page=2");
		assertThat(second).contains("26–27 of 27", "Page 2 of 2", "Seller 26", "Seller 27", "rel=\"prev\"")
			.doesNotContain("Seller 25", "Zed Outsider", "rel=\"next\"");
	}

	@Test
	void memberFormShowsTheModulesErrorsNextToTheirFieldsAndSavesNothing() {
		Admin admin = acmeAdmin();
		Map<String, String> member = newMember("Kevin Malone", "kevin-" + suffix() + "@acme.example");

		member.put("email", "michael@acme.example");
		Http.Response taken = admin.submit("/admin/members/new", "/admin/members", member);
		assertThat(taken.status()).isEqualTo(422);
		assertThat(errorNextTo(taken.body(), "email")).contains("exists already");

		member.put("email", "kevin@");
		assertThat(errorNextTo(admin.submit("/admin/members/new", "/admin/members", member).body(), "email"))
			.contains("must be a valid email address");

		member.put("email", "kevin-" + suffix() + "@acme.example");
		member.put("personalMeetingUrl", "ftp://files.example/x");
		assertThat(errorNextTo(admin.submit("/admin/members/new", "/admin/members", member).body(), "personalMeetingUrl"))
			.contains("https://");

		member.put("personalMeetingUrl", "");
		member.put("teamId", "not-a-team");
		assertThat(errorNextTo(admin.submit("/admin/members/new", "/admin/members", member).body(), "teamId"))
			.contains("is not one of the choices");

		assertThat(admin.page("/admin/members?q=Kevin+Malone")).contains("No team members match");
	}

	@Test
	void addsAMemberWithATeamAndProfileThenReturnsThemToTheTeamsProfile() {
		Admin admin = acmeAdmin();
		String teams = admin.page("/admin/teams");
		String profiles = admin.page("/admin/profiles");
		String name = "Oscar Martinez " + suffix();
		Map<String, String> member = newMember(name, "oscar-" + suffix() + "@acme.example");
		member.put("teamId", idOf(teams, "/admin/teams/", "EMEA Sales"));
		member.put("consentProfileId", idOf(profiles, "/admin/profiles/", "Default"));
		member.put("personalMeetingUrl", "https://zoom.us/j/777");

		Http.Response created = admin.submit("/admin/members/new", "/admin/members", member);
		assertThat(created.status()).isEqualTo(302);
		String list = admin.page("/admin/members?q=" + name.replace(' ', '+'));
		assertThat(list).contains("Added " + name);
		assertThat(row(list, name)).contains("EMEA Sales", "Default", "assigned to the member");

		String id = idOf(list, "/admin/members/", name);
		String form = admin.page("/admin/members/" + id);
		assertThat(form).contains("value=\"https://zoom.us/j/777\"", "Personal consent link");
		member.put("slug", valueOf(form, "slug"));
		member.put("consentProfileId", "");
		member.put("password", "");
		assertThat(admin.submit("/admin/members/" + id, "/admin/members/" + id, member).status()).isEqualTo(302);
		assertThat(row(admin.page("/admin/members?q=" + name.replace(' ', '+')), name)).contains("EMEA strict",
				"from team EMEA Sales");
	}

	@Test
	void aTechAdminCannotDemoteOrDeactivateThemselvesAndAFormWithABadPasswordSavesNothing() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "self");
		Admin admin = adminOf(b, http);
		String id = idOf(admin.page("/admin/members"), "/admin/members/", "B Admin");
		Map<String, String> me = newMember("B Admin", "admin@" + b.slug() + ".example");
		me.put("slug", valueOf(admin.page("/admin/members/" + id), "slug"));
		me.put("role", "TECH_ADMIN");
		me.remove("recorded");

		Map<String, String> demoted = new LinkedHashMap<>(me);
		demoted.put("role", "MEMBER");
		Http.Response refused = admin.submit("/admin/members/" + id, "/admin/members/" + id, demoted);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(errorNextTo(refused.body(), "role")).contains("cannot take away your own tech admin role");

		Map<String, String> deactivated = new LinkedHashMap<>(me);
		deactivated.remove("active");
		refused = admin.submit("/admin/members/" + id, "/admin/members/" + id, deactivated);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(errorNextTo(refused.body(), "active")).contains("cannot deactivate your own account");

		// A new name with a password that is too short: neither is saved, and the old password still signs in.
		Map<String, String> renamed = new LinkedHashMap<>(me);
		renamed.put("name", "B Renamed");
		renamed.put("password", "short");
		refused = admin.submit("/admin/members/" + id, "/admin/members/" + id, renamed);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(errorNextTo(refused.body(), "password")).contains("at least 12 characters");

		String list = admin.page("/admin/members");
		assertThat(row(list, "B Admin")).contains("Tech admin");
		assertThat(list).doesNotContain("B Renamed");
		assertThat(new Admin(new Http(port)).signIn("admin@" + b.slug() + ".example", "b-admin-password-123")
			.header("Location")).endsWith("/admin");

		// The same form that only renames is saved.
		renamed.put("password", "");
		assertThat(admin.submit("/admin/members/" + id, "/admin/members/" + id, renamed).status()).isEqualTo(302);
		assertThat(admin.page("/admin/members")).contains("B Renamed");
	}

	// --- consent profiles (PRODUCT P1-P6)

	@Test
	void deletingAProfileInUseWithoutChoosingWhereItsMembersGoIsRefusedAndKeepsIt() {
		Admin admin = acmeAdmin();
		String profile = "In use " + suffix();
		String profileId = createProfile(admin, profile);
		String team = "Team " + suffix();
		createTeam(admin, team, profileId);

		String confirm = admin.page("/admin/profiles/" + profileId + "/delete");
		assertThat(confirm).contains("is assigned to", "1 member or team", "name=\"reassignTo\"");
		Http.Response refused = admin.submit("/admin/profiles/" + profileId + "/delete",
				"/admin/profiles/" + profileId + "/delete", Map.of());

		assertThat(refused.status()).isEqualTo(302);
		assertThat(admin.http.get(refused.header("Location")).body()).contains("Nothing was deleted",
				profile + " is assigned to 1 member or team");
		assertThat(admin.page("/admin/profiles")).contains(">" + profile + "</a>");
		assertThat(admin.page("/admin/teams")).contains(team);
		assertThat(row(admin.page("/admin/teams"), team)).contains(profile);
	}

	@Test
	void deletingAProfileInUseMovesItsMembersAndTeamsToTheChosenProfile() {
		Admin admin = acmeAdmin();
		String profile = "Leaving " + suffix();
		String profileId = createProfile(admin, profile);
		String team = "Movers " + suffix();
		createTeam(admin, team, profileId);
		String name = "Toby Flenderson " + suffix();
		Map<String, String> member = newMember(name, "toby-" + suffix() + "@acme.example");
		member.put("consentProfileId", profileId);
		assertThat(admin.submit("/admin/members/new", "/admin/members", member).status()).isEqualTo(302);
		String emea = idOf(admin.page("/admin/profiles"), "/admin/profiles/", "EMEA strict");

		Http.Response deleted = admin.submit("/admin/profiles/" + profileId + "/delete",
				"/admin/profiles/" + profileId + "/delete", Map.of("reassignTo", emea));

		assertThat(deleted.status()).isEqualTo(302);
		assertThat(deleted.header("Location")).endsWith("/admin/profiles");
		String list = admin.page("/admin/profiles");
		assertThat(list).contains("Deleted the consent profile " + profile, "now use EMEA strict")
			.doesNotContain(">" + profile + "</a>");
		assertThat(row(admin.page("/admin/teams"), team)).contains("EMEA strict");
		assertThat(row(admin.page("/admin/members?q=" + name.replace(' ', '+')), name)).contains("EMEA strict",
				"assigned to the member");
		assertThat(admin.http.get("/admin/profiles/" + profileId).status()).isEqualTo(404);
	}

	@Test
	void theDefaultProfileCannotBeDeletedAndMakingAnotherDefaultIsOneClick() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "defaults");
		Admin admin = adminOf(b, http);
		String defaultId = idOf(admin.page("/admin/profiles"), "/admin/profiles/", "Default");

		Http.Response refused = admin.submit("/admin/profiles", "/admin/profiles/" + defaultId + "/delete", Map.of());
		assertThat(admin.http.get(refused.header("Location")).body()).contains("Nothing was deleted",
				"default profile cannot be deleted");

		String otherId = createProfile(admin, "Stricter");
		Http.Response made = admin.submit("/admin/profiles", "/admin/profiles/" + otherId + "/default", Map.of());
		assertThat(made.status()).isEqualTo(302);
		assertThat(row(admin.page("/admin/profiles"), "Stricter")).contains("badge default");
		assertThat(admin.submit("/admin/profiles", "/admin/profiles/" + defaultId + "/delete", Map.of()).header("Location"))
			.endsWith("/admin/profiles");
		assertThat(admin.page("/admin/profiles")).contains("Deleted the consent profile Default");
	}

	@Test
	void profileFormSavesEveryFieldAndShowsErrorsNextToThem() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "profile-form");
		Admin admin = adminOf(b, http);
		Map<String, String> form = profileFields("Strict EU");
		form.put("consentPage", "ENFORCED");
		form.put("participantChoice", "MUST_CONSENT");
		form.put("audioPromptId", "brief");
		form.put("preCallEmailMinutes", "15");
		form.put("languages", "de");
		form.put("noticeHtml", "<p>EU notice<script>alert(1)</script></p>");
		assertThat(admin.submit("/admin/profiles/new", "/admin/profiles", form).status()).isEqualTo(302);
		String id = idOf(admin.page("/admin/profiles"), "/admin/profiles/", "Strict EU");
		var saved = b.get(http, "/api/v1/consent-profiles/" + id);
		assertThat(saved.get("consentPage").asString()).isEqualTo("ENFORCED");
		assertThat(saved.get("participantChoice").asString()).isEqualTo("MUST_CONSENT");
		assertThat(saved.get("audioPromptId").asString()).isEqualTo("brief");
		assertThat(saved.get("preCallEmailMinutes").asInt()).isEqualTo(15);
		assertThat(saved.get("languages").get(0).asString()).isEqualTo("de");
		assertThat(saved.get("noticeHtml").asString()).isEqualTo("<p>EU notice</p>");

		form.put("preCallEmailMinutes", "");
		form.put("audioPromptId", "");
		assertThat(admin.submit("/admin/profiles/" + id, "/admin/profiles/" + id, form).status()).isEqualTo(302);
		saved = b.get(http, "/api/v1/consent-profiles/" + id);
		assertThat(saved.has("preCallEmailMinutes") && !saved.get("preCallEmailMinutes").isNull()).isFalse();
		assertThat(saved.has("audioPromptId") && !saved.get("audioPromptId").isNull()).isFalse();

		form.put("preCallEmailMinutes", "0");
		Http.Response tooSoon = admin.submit("/admin/profiles/" + id, "/admin/profiles/" + id, form);
		assertThat(tooSoon.status()).isEqualTo(422);
		assertThat(errorNextTo(tooSoon.body(), "preCallEmailMinutes")).contains("between 1 and 1440").doesNotContain("null");
		form.put("preCallEmailMinutes", "soon");
		assertThat(errorNextTo(admin.submit("/admin/profiles/" + id, "/admin/profiles/" + id, form).body(),
				"preCallEmailMinutes")).contains("must be a whole number");
		form.put("preCallEmailMinutes", "");
		form.put("name", "default");
		assertThat(errorNextTo(admin.submit("/admin/profiles/" + id, "/admin/profiles/" + id, form).body(), "name"))
			.contains("exists already");
		form.put("name", "Strict EU");
		form.remove("languages");
		assertThat(errorNextTo(admin.submit("/admin/profiles/" + id, "/admin/profiles/" + id, form).body(), "languages"))
			.contains("choose at least one language");
	}

	// --- teams

	@Test
	void teamsAreCreatedRenamedAndGivenAProfileOrNone() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "teams");
		Admin admin = adminOf(b, http);
		String strict = createProfile(admin, "Strict");

		String teamId = createTeam(admin, "Closers", strict);
		assertThat(row(admin.page("/admin/teams"), "Closers")).contains("Strict");
		Http.Response duplicate = admin.submit("/admin/teams", "/admin/teams", Map.of("name", "closers", "consentProfileId", ""));
		assertThat(duplicate.status()).isEqualTo(422);
		assertThat(errorNextTo(duplicate.body(), "name")).contains("exists already");

		Http.Response renamed = admin.submit("/admin/teams/" + teamId, "/admin/teams/" + teamId,
				Map.of("name", "Deal Closers", "consentProfileId", ""));
		assertThat(renamed.status()).isEqualTo(302);
		String list = admin.page("/admin/teams");
		assertThat(list).contains("Saved the team Deal Closers");
		assertThat(row(list, "Deal Closers")).contains("None (default profile applies)");
	}

	// --- consent page (PRODUCT C1, C5, C6)

	@Test
	void previewShowsTheUnsavedNoticeAsParticipantsWillSeeItUnderThePublicPagesPolicy() {
		Admin admin = acmeAdmin();
		String settings = admin.page("/admin/consent-page");
		assertThat(settings).contains("formaction=\"/admin/consent-page/preview\"", "formtarget=\"_blank\"",
				"name=\"previewProfile\"");
		String emea = idOf(admin.page("/admin/profiles"), "/admin/profiles/", "EMEA strict");

		Http.Response preview = admin.submit("/admin/consent-page", "/admin/consent-page/preview",
				Map.of("noticeHtml", "<p>Unsaved <b>draft</b> notice<script>alert(1)</script></p>", "policyUrl",
						"https://acme.example/new-privacy", "previewProfile", emea, "previewLanguage", "en"));

		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.header("Content-Type")).startsWith("text/html");
		assertThat(preview.header("Content-Security-Policy")).isEqualTo(PUBLIC_PAGE_CSP);
		assertThat(preview.body()).contains("Unsaved <b>draft</b> notice", "https://acme.example/new-privacy",
				"Consent and join", "/assets/consent.css").doesNotContain("<script", "Join but don&#39;t record");
		assertThat(admin.page("/admin/consent-page")).as("nothing saved").doesNotContain("Unsaved")
			.contains("https://acme.example/privacy");

		Http.Response invalid = admin.submit("/admin/consent-page", "/admin/consent-page/preview",
				Map.of("noticeHtml", "", "policyUrl", "javascript:alert(1)"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).contains("The preview cannot be shown", "Data-protection policy link");
	}

	@Test
	void changingTheCompanyLinkNameWarnsAndKeepsOldLinksWorking() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "rename");
		b.member(http, "Sam Seller", "sam", "https://zoom.us/j/123");
		Admin admin = adminOf(b, http);
		String page = admin.page("/admin/consent-page");
		assertThat(page).contains("Changing it changes <strong>everyone's</strong> consent links", "/" + b.slug() + "/sam");

		String newSlug = b.slug() + "-new";
		Http.Response saved = admin.submit("/admin/consent-page", "/admin/consent-page",
				Map.of("companySlug", newSlug, "linkType", "STATIC", "noticeHtml", "<p>We record.</p>", "policyUrl", ""));

		assertThat(saved.status()).isEqualTo(302);
		String after = admin.page("/admin/consent-page");
		assertThat(after).contains("Consent links now start with", "/" + newSlug + "/", "keep working",
				"/" + newSlug + "/sam");
		Http.Response old = new Http(port).get("/" + b.slug() + "/sam");
		assertThat(old.status()).isEqualTo(301);
		assertThat(old.header("Location")).isEqualTo("/" + newSlug + "/sam");

		Http.Response taken = admin.submit("/admin/consent-page", "/admin/consent-page",
				Map.of("companySlug", "acme", "linkType", "STATIC", "noticeHtml", "", "policyUrl", "ftp://x"));
		assertThat(taken.status()).isEqualTo(422);
		assertThat(errorNextTo(taken.body(), "companySlug")).contains("is taken");
		assertThat(admin.page("/admin/consent-page")).contains("value=\"" + newSlug + "\"");
	}

	@Test
	void logoUploadIsCheckedByContentAndShownOnTheSettingsPage() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "logo");
		Admin admin = adminOf(b, http);

		Http.Response svg = admin.upload("/admin/consent-page", "/admin/consent-page/logo", "logo.svg", "image/svg+xml",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8));
		assertThat(svg.status()).isEqualTo(302);
		assertThat(admin.page("/admin/consent-page")).contains("The logo was not changed", "PNG, JPEG or WebP")
			.doesNotContain("class=\"logo-preview\"");

		Http.Response png = admin.upload("/admin/consent-page", "/admin/consent-page/logo", "logo.png", "image/png", png());
		assertThat(png.status()).isEqualTo(302);
		String page = admin.page("/admin/consent-page");
		Matcher logo = Pattern.compile("class=\"logo-preview\" src=\"(/assets/logos/[0-9a-f]{64})\"").matcher(page);
		assertThat(page).contains("Uploaded the new logo");
		assertThat(logo.find()).isTrue();
		assertThat(admin.http.get(logo.group(1)).status()).isEqualTo(200);
	}

	@Test
	void decisionsPageListsWhatParticipantsChose() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "decisions");
		b.member(http, "Dana Dealer", "dana", "https://zoom.us/j/99");
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + b.slug() + "/dana").body());
		form.put("choice", "DONT_RECORD");
		assertThat(participant.form("/" + b.slug() + "/dana", form).status()).isEqualTo(303);

		String decisions = adminOf(b, http).page("/admin/decisions");

		assertThat(row(decisions, "Dana Dealer")).contains("Join but don&#39;t record", "Opted out", ">en<", "Zoom");
	}

	@Test
	void aCompanyWithManyMembersFiltersTheDecisionLogByEmailInsteadOfListingEveryone() {
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "many-decisions");
		b.member(http, "Dana Dealer", "dana", "https://zoom.us/j/98");
		Admin admin = adminOf(b, http);
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + b.slug() + "/dana").body());
		form.put("choice", "DONT_RECORD");
		assertThat(participant.form("/" + b.slug() + "/dana", form).status()).isEqualTo(303);
		assertThat(admin.page("/admin/decisions")).contains("<select id=\"member\"").doesNotContain("id=\"memberEmail\"");

		UUID company = UUID.fromString(b.id());
		for (int i = 0; i < 500; i++) { // the filter's select lists at most 500 members
			members.create(company, MemberDraft.of("Member " + i, "member" + i + "@" + b.slug() + ".example"));
		}

		String all = admin.page("/admin/decisions");
		assertThat(all).contains("id=\"memberEmail\"").doesNotContain("<select id=\"member\"", "Member 17<");
		assertThat(row(all, "Dana Dealer")).contains("Opted out");
		String dana = admin.page("/admin/decisions?memberEmail=dana%40" + b.slug() + ".example");
		assertThat(row(dana, "Dana Dealer")).contains("Join but don&#39;t record");
		assertThat(dana).contains("value=\"dana@" + b.slug() + ".example\"");
		String unknown = admin.page("/admin/decisions?memberEmail=nobody%40" + b.slug() + ".example");
		assertThat(unknown).contains("No team member has the email nobody@" + b.slug() + ".example");
	}

	// --- tenant isolation (PRODUCT T1)

	@Test
	void anotherCompanysIdsAnswerNotFoundOnEveryAdminRoute() {
		Admin acme = acmeAdmin();
		String profile = idOf(acme.page("/admin/profiles"), "/admin/profiles/", "EMEA strict");
		String member = idOf(acme.page("/admin/members?q=michael"), "/admin/members/", "Michael Scott");
		String team = idOf(acme.page("/admin/teams"), "/admin/teams/", "Sales");
		Http http = new Http(port);
		TestCompany b = TestCompany.create(http, "isolated");
		Admin other = adminOf(b, http);
		String otherDefault = idOf(other.page("/admin/profiles"), "/admin/profiles/", "Default");

		List<Http.Response> pages = List.of(other.html("/admin/profiles/" + profile),
				other.html("/admin/profiles/" + profile + "/delete"), other.html("/admin/members/" + member),
				other.html("/admin/teams/" + team), other.html("/admin/decisions?member=" + member));
		for (Http.Response r : pages) {
			assertThat(r.status()).isEqualTo(404);
			assertThat(r.body()).contains("We could not find that page");
		}
		List<Http.Response> posts = List.of(
				other.submit("/admin/profiles", "/admin/profiles/" + profile, profileFields("Hijacked")),
				other.submit("/admin/profiles", "/admin/profiles/" + profile + "/default", Map.of()),
				other.submit("/admin/profiles", "/admin/profiles/" + profile + "/delete", Map.of("reassignTo", otherDefault)),
				other.submit("/admin/members", "/admin/members/" + member, newMember("Hijacked", "x@b.example")),
				other.submit("/admin/teams", "/admin/teams/" + team, Map.of("name", "Hijacked", "consentProfileId", "")),
				other.submit("/admin/consent-page", "/admin/consent-page/preview", Map.of("previewProfile", profile)));
		for (Http.Response r : posts) {
			assertThat(r.status()).as(r.body()).isEqualTo(404);
		}

		// B's lists never show Acme's rows, and B cannot attach Acme's profile or team to its members.
		assertThat(other.page("/admin/members")).doesNotContain("Michael Scott", "acme.example");
		assertThat(other.page("/admin/teams")).doesNotContain(team);
		assertThat(other.page("/admin/profiles")).doesNotContain(profile);
		Map<String, String> stolen = newMember("Bob B", "bob@" + b.slug() + ".example");
		stolen.put("consentProfileId", profile);
		assertThat(errorNextTo(other.submit("/admin/members/new", "/admin/members", stolen).body(), "consentProfileId"))
			.contains("no such consent profile");
		stolen.put("consentProfileId", "");
		stolen.put("teamId", team);
		assertThat(errorNextTo(other.submit("/admin/members/new", "/admin/members", stolen).body(), "teamId"))
			.contains("no such team");

		// And Acme's data is untouched.
		assertThat(acme.page("/admin/profiles")).contains(">EMEA strict</a>").doesNotContain("Hijacked");
		assertThat(acme.page("/admin/members/" + member)).contains("value=\"Michael Scott\"");
		assertThat(acme.page("/admin/teams")).contains(">Sales</a>").doesNotContain("Hijacked");
	}

	// --- helpers

	Admin acmeAdmin() {
		Admin admin = new Admin(new Http(port));
		Http.Response r = admin.signIn(AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);
		assertThat(r.header("Location")).endsWith("/admin");
		return admin;
	}

	/** Signs in as a new tech admin of company {@code b}, made through the API. */
	Admin adminOf(TestCompany b, Http http) {
		String email = "admin@" + b.slug() + ".example";
		b.post(http, "/api/v1/members", Map.of("name", "B Admin", "email", email, "role", "TECH_ADMIN", "recorded", false,
				"password", "b-admin-password-123"));
		Admin admin = new Admin(new Http(port));
		assertThat(admin.signIn(email, "b-admin-password-123").header("Location")).endsWith("/admin");
		return admin;
	}

	static String createProfile(Admin admin, String name) {
		Http.Response r = admin.submit("/admin/profiles/new", "/admin/profiles", profileFields(name));
		assertThat(r.status()).as(r.body()).isEqualTo(302);
		return idOf(admin.page("/admin/profiles"), "/admin/profiles/", name);
	}

	static String createTeam(Admin admin, String name, String profileId) {
		Http.Response r = admin.submit("/admin/teams", "/admin/teams", Map.of("name", name, "consentProfileId", profileId));
		assertThat(r.status()).as(r.body()).isEqualTo(302);
		return idOf(admin.page("/admin/teams"), "/admin/teams/", name);
	}

	static Map<String, String> profileFields(String name) {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("name", name);
		f.put("consentPage", "ENABLED");
		f.put("participantChoice", "MAY_OPT_OUT");
		f.put("audioPromptId", "");
		f.put("preCallEmailMinutes", "10");
		f.put("languages", "en");
		f.put("_languages", "on");
		f.put("noticeHtml", "");
		return f;
	}

	static Map<String, String> newMember(String name, String email) {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("name", name);
		f.put("email", email);
		f.put("slug", "");
		f.put("teamId", "");
		f.put("role", "MEMBER");
		f.put("recorded", "true");
		f.put("_recorded", "on");
		f.put("active", "true");
		f.put("_active", "on");
		f.put("personalMeetingUrl", "");
		f.put("consentProfileId", "");
		f.put("password", "");
		return f;
	}

	/** The id in the first link {@code <a href="{prefix}{id}">{text}</a>} of a page. */
	static String idOf(String html, String prefix, String text) {
		Matcher m = Pattern.compile("href=\"" + Pattern.quote(prefix) + "([0-9a-f-]{36})\"[^>]*>" + Pattern.quote(text) + "<")
			.matcher(html);
		assertThat(m.find()).as("a link to %s on the page", text).isTrue();
		return m.group(1);
	}

	/** The value of a form field on a page. */
	static String valueOf(String html, String field) {
		Matcher m = Pattern.compile("name=\"" + Pattern.quote(field) + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(m.find()).as("a field %s on the page", field).isTrue();
		return m.group(1);
	}

	/** The number on the dashboard tile with this label. */
	static String statValue(String html, String label) {
		Matcher m = Pattern.compile("class=\"stat-value\">([^<]+)</span>\\s*<span class=\"stat-label\">" + Pattern.quote(label) + "<")
			.matcher(html);
		assertThat(m.find()).as("a dashboard tile %s", label).isTrue();
		return m.group(1);
	}

	/** The table row that mentions {@code text}. */
	static String row(String html, String text) {
		String[] rows = html.split("<tr");
		for (String tr : java.util.Arrays.copyOfRange(rows, 1, rows.length)) {
			if (tr.contains(">" + text + "<")) {
				return tr.substring(0, tr.contains("</tr>") ? tr.indexOf("</tr>") : tr.length());
			}
		}
		throw new AssertionError("no table row with " + text);
	}

	/** The error message shown next to a form field, empty when there is none. */
	static String errorNextTo(String html, String field) {
		Matcher m = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\">(.*?)</p>", Pattern.DOTALL).matcher(html);
		return m.find() ? m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip() : "";
	}

	static String scriptSource(String html) {
		Matcher m = Pattern.compile("<script src=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A valid 2×2 PNG. */
	static byte[] png() {
		byte[] raw = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(out, "IHDR", new byte[] { 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0 });
		java.util.zip.Deflater deflater = new java.util.zip.Deflater();
		deflater.setInput(raw);
		deflater.finish();
		byte[] buf = new byte[256];
		int n = deflater.deflate(buf);
		chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
		byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(t);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** A person in the admin UI: forms are posted with the CSRF token of the page they are on. */
	static final class Admin {

		final Http http;

		Admin(Http http) {
			this.http = http;
		}

		Http.Response signIn(String email, String password) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("_csrf", csrf(http.get("/login").body()));
			form.put("username", email);
			form.put("password", password);
			return http.form("/login", form);
		}

		/** A GET as a browser sends it, so errors come as the friendly HTML pages. */
		Http.Response html(String path) {
			return http.getWith(path, "Accept", "text/html");
		}

		String page(String path) {
			Http.Response r = http.get(path);
			assertThat(r.status()).as("GET %s", path).isEqualTo(200);
			return r.body();
		}

		Http.Response submit(String pagePath, String action, Map<String, String> fields) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("_csrf", csrf(http.get(pagePath).body()));
			form.putAll(fields);
			return http.form(action, form);
		}

		/** A multipart upload of one file, as the browser sends the logo form. */
		Http.Response upload(String pagePath, String action, String filename, String type, byte[] content) {
			String boundary = "----assent" + suffix();
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
					+ csrf(http.get(pagePath).body()) + "\r\n--" + boundary
					+ "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + filename + "\"\r\nContent-Type: "
					+ type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			// Http sends bytes only with a bearer token; the admin UI ignores it and uses the session cookie.
			return http.bytes("POST", action, "unused", "multipart/form-data; boundary=" + boundary, body.toByteArray());
		}

		static String csrf(String html) {
			String token = Http.hiddenFields(html).get("_csrf");
			assertThat(token).as("a CSRF token on the page").isNotNull();
			return token;
		}

	}

}
