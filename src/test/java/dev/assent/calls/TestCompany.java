package dev.assent.calls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh company made through the public API, with the Acme-like team the calendar fixtures
 * name: Michael (Zoom), Dwight (Webex), Jim (Meet), Pam (Teams) are recorded; Ryan is not.
 */
record TestCompany(UUID id, String slug, String name, String token, Map<String, JsonNode> members) {

	static TestCompany create(Http http) {
		String slug = "co-" + UUID.randomUUID().toString().substring(0, 8);
		String name = "Company " + slug;
		Http.Response created = http.json("POST", "/api/v1/companies", AssentIntegrationTest.OPERATOR_TOKEN,
				Map.of("name", name, "slug", slug));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String token = created.json().get("apiToken").asString();
		UUID id = UUID.fromString(created.json().get("id").asString());
		Map<String, JsonNode> members = new LinkedHashMap<>();
		members.put("michael", member(http, token, "Michael Scott", "michael@acme.example", "michael", true,
				"https://us02web.zoom.us/j/81234567890"));
		members.put("dwight", member(http, token, "Dwight Schrute", "dwight@acme.example", "dwight", true,
				"https://acme.webex.com/meet/dwight"));
		members.put("jim", member(http, token, "Jim Halpert", "jim@acme.example", "jim", true,
				"https://meet.google.com/abc-defg-hij"));
		members.put("pam", member(http, token, "Pam Beesly", "pam@acme.example", "pam", true,
				"https://teams.microsoft.com/l/meetup-join/19%3ameeting_pam"));
		members.put("ryan", member(http, token, "Ryan Howard", "ryan@acme.example", "ryan", false, null));
		return new TestCompany(id, slug, name, token, members);
	}

	static JsonNode member(Http http, String token, String name, String email, String slug, boolean recorded,
			String personalMeetingUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", email);
		body.put("slug", slug);
		body.put("recorded", recorded);
		if (personalMeetingUrl != null) {
			body.put("personalMeetingUrl", personalMeetingUrl);
		}
		Http.Response r = http.json("POST", "/api/v1/members", token, body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	UUID memberId(String slug) {
		return UUID.fromString(members.get(slug).get("id").asString());
	}

}
