package dev.assent.jurisdictions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.accounts.MemberManagement;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile page warns when a profile is weaker than what a scheduled call's participants'
 * jurisdictions need (PRODUCT X3, issue 12): a German invitee (GDPR) of a call under an ENABLED
 * profile without an audio prompt is flagged; the same profile, strengthened, is not; another
 * company's calls never count.
 */
@AssentIntegrationTest
class ProfileWarningIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	MemberManagement members;

	private Http admin(Http http, TestCompany c) {
		JsonNode tina = c.post(http, "/api/v1/members", Map.of("name", "Tina Tech", "email", "tina@" + c.slug() + ".example",
				"slug", "tina", "role", "TECH_ADMIN", "recorded", false));
		members.setPassword(UUID.fromString(c.id()), UUID.fromString(tina.get("id").asString()), "tina-test-password-123");
		Http admin = new Http(port);
		Map<String, String> login = Http.hiddenFields(admin.get("/login").body());
		login.put("username", "tina@" + c.slug() + ".example");
		login.put("password", "tina-test-password-123");
		assertThat(admin.form("/login", login).status()).isEqualTo(302);
		return admin;
	}

	private void schedule(Http http, TestCompany c, String organizer, String title, String invitee) {
		Instant start = clock.instant().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		c.post(http, "/api/v1/meetings", Map.of("title", title, "organizerEmail", organizer + "@" + c.slug() + ".example",
				"start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "timeZone", "UTC",
				"invitees", List.of(Map.of("email", invitee, "name", "Guest"))));
	}

	@Test
	void theProfilePageWarnsWhenAScheduledCallsParticipantsNeedMore() { // X3
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "weak");
		TestCompany other = TestCompany.create(http, "strong");
		c.member(http, "Wanda Weak", "wanda", "https://zoom.us/j/7400001");
		other.member(http, "Otis Other", "otis", "https://zoom.us/j/7400002");
		schedule(http, c, "wanda", "Pipeline review", "kaeufer@kunde.de");
		schedule(http, other, "otis", "Other company's call", "acheteur@client.fr");
		String profile = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		String otherProfile = other.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		Http admin = admin(http, c);

		String page = admin.get("/admin/profiles/" + profile).body();

		assertThat(page).contains("jurisdiction-warnings", "Pipeline review", "participants in DE", "gdpr-consent",
				"needs ENFORCED");
		assertThat(page).doesNotContain("Other company");

		// Strengthened to what GDPR needs: no warning any more.
		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("consentPage", "ENFORCED", "audioPromptId", "classic"));
		assertThat(admin.get("/admin/profiles/" + profile).body()).doesNotContain("jurisdiction-warnings");
		// Another company's profile page is not found for this admin.
		assertThat(admin.get("/admin/profiles/" + otherProfile).status()).isEqualTo(404);
	}

}
