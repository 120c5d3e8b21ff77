package dev.assent.calls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links that never break (PRODUCT C5, C9): a member's old link name redirects permanently to the
 * new one, for personal and meeting links; changing the company's link name says how many
 * scheduled meetings carry links with the old one.
 */
@AssentIntegrationTest
class LinksThatNeverBreakIntegrationTests {

	static final Instant NOW = Instant.parse("2030-03-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	Http http;

	TestCompany acme;

	TestCompany other;

	@BeforeEach
	void setUp() {
		clock.set(NOW);
		http = new Http(port);
		acme = TestCompany.create(http);
		other = TestCompany.create(http);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	JsonNode schedule(TestCompany company, String title, String joinUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", "michael@acme.example");
		body.put("joinUrl", joinUrl);
		body.put("start", "2030-03-04T10:00");
		body.put("end", "2030-03-04T10:30");
		body.put("timeZone", "Europe/Berlin");
		body.put("invitees", List.of(Map.of("email", "jan.kowalski@customer.example")));
		Http.Response r = http.json("POST", "/api/v1/meetings", company.token(), body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	static String path(String link) {
		return link.replaceFirst("^https?://[^/]+", "");
	}

	@Test
	void aMembersOldLinkNameRedirectsPermanentlyForPersonalAndMeetingLinks() {
		String meetingLink = path(schedule(acme, "Demo", "https://us02web.zoom.us/j/89999999999").get("consentLink").asString());
		assertThat(meetingLink).startsWith("/" + acme.slug() + "/michael/");

		Http.Response renamed = http.json("PATCH", "/api/v1/members/" + acme.memberId("michael"), acme.token(),
				Map.of("slug", "michael-scott"));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

		Http.Response personal = http.get("/" + acme.slug() + "/michael?t=abc");
		assertThat(personal.status()).isEqualTo(301);
		assertThat(personal.header("Location")).isEqualTo("/" + acme.slug() + "/michael-scott?t=abc");
		Http.Response meeting = http.get(meetingLink);
		assertThat(meeting.status()).isEqualTo(301);
		assertThat(meeting.header("Location")).isEqualTo(meetingLink.replace("/michael/", "/michael-scott/"));
		assertThat(http.get(meeting.header("Location")).status()).isEqualTo(200);
		Http.Response decision = http.post("/" + acme.slug() + "/michael", "application/x-www-form-urlencoded", "choice=RECORD");
		assertThat(decision.status()).as("a decision sent to the old link goes again to the new one").isEqualTo(308);
		assertThat(decision.header("Location")).isEqualTo("/" + acme.slug() + "/michael-scott");
	}

	@Test
	void anOldLinkNameStaysWithItsMemberAndOtherCompaniesAreUntouched() {
		http.json("PATCH", "/api/v1/members/" + acme.memberId("michael"), acme.token(), Map.of("slug", "michael-scott"));

		Http.Response taken = http.json("PATCH", "/api/v1/members/" + acme.memberId("dwight"), acme.token(),
				Map.of("slug", "michael"));
		assertThat(taken.status()).as("another member taking it would send Michael's participants to them").isEqualTo(409);
		assertThat(http.get("/" + other.slug() + "/michael").status()).as("the other company's Michael").isEqualTo(200);
		assertThat(http.get("/" + other.slug() + "/michael-scott").status()).isEqualTo(404);

		Http.Response back = http.json("PATCH", "/api/v1/members/" + acme.memberId("michael"), acme.token(),
				Map.of("slug", "michael"));
		assertThat(back.status()).as("a member may take their own old name back").isEqualTo(200);
		assertThat(http.get("/" + acme.slug() + "/michael").status()).isEqualTo(200);
		assertThat(http.get("/" + acme.slug() + "/michael-scott").status()).isEqualTo(301);
	}

	@Test
	void changingTheCompanyLinkNameSaysHowManyScheduledMeetingsCarryTheOldOne() {
		schedule(acme, "Demo", "https://us02web.zoom.us/j/89999999991");
		schedule(acme, "Review", "https://us02web.zoom.us/j/89999999992");
		JsonNode cancelled = schedule(acme, "Cancelled", "https://us02web.zoom.us/j/89999999993");
		assertThat(http.delete("/api/v1/meetings/" + cancelled.get("id").asString(), acme.token()).status()).isEqualTo(200);
		schedule(other, "Other company's", "https://us02web.zoom.us/j/89999999994");
		String oldSlug = acme.slug();

		Http.Response r = http.json("PUT", "/api/v1/consent-page", acme.token(), Map.of("companySlug", oldSlug + "-new"));

		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode change = r.json().get("slugChange");
		assertThat(change.get("oldSlug").asString()).isEqualTo(oldSlug);
		assertThat(change.get("scheduledMeetingsWithOldLinks").asLong()).isEqualTo(2);
		assertThat(change.get("note").asString()).contains("2 scheduled meeting", "/" + oldSlug + "/");
		assertThat(http.get("/" + oldSlug + "/michael").status()).isEqualTo(301);
		assertThat(http.json("PUT", "/api/v1/consent-page", acme.token(), Map.of("policyUrl", "https://acme.example/privacy"))
			.json()
			.has("slugChange")).as("only a change of the name answers it").isFalse();
	}

}
