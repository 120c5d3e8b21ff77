package dev.assent.support;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A fresh company made through the public API, with its API token. */
public record TestCompany(String id, String slug, String apiToken, String scimToken) {

	/** Creates a company with a unique slug starting with {@code prefix}. */
	public static TestCompany create(Http http, String prefix) {
		String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response r = http.json("POST", "/api/v1/companies", AssentIntegrationTest.OPERATOR_TOKEN,
				Map.of("name", prefix + " Inc", "slug", slug));
		if (r.status() != 201) {
			throw new IllegalStateException("could not create company: " + r.status() + " " + r.body());
		}
		JsonNode body = r.json();
		return new TestCompany(body.get("id").asString(), slug, body.get("apiToken").asString(),
				body.get("scimToken").asString());
	}

	public JsonNode post(Http http, String path, Object body) {
		Http.Response r = http.json("POST", path, apiToken, body);
		if (r.status() != 201 && r.status() != 200) {
			throw new IllegalStateException(path + " answered " + r.status() + " " + r.body());
		}
		return r.json();
	}

	public JsonNode patch(Http http, String path, Object body) {
		Http.Response r = http.json("PATCH", path, apiToken, body);
		if (r.status() != 200) {
			throw new IllegalStateException(path + " answered " + r.status() + " " + r.body());
		}
		return r.json();
	}

	public JsonNode json(Http http, String method, String path, Object body) {
		Http.Response r = http.json(method, path, apiToken, body);
		if (r.status() != 200 && r.status() != 201) {
			throw new IllegalStateException(path + " answered " + r.status() + " " + r.body());
		}
		return r.json();
	}

	public JsonNode get(Http http, String path) {
		Http.Response r = http.get(path, apiToken);
		if (r.status() != 200) {
			throw new IllegalStateException(path + " answered " + r.status() + " " + r.body());
		}
		return r.json();
	}

	/** A new (unrecorded) tech admin of the company, signed in to the admin UI. */
	public Http techAdmin(Http api, int port) {
		String email = "tech-" + UUID.randomUUID().toString().substring(0, 6) + "@" + slug + ".example";
		post(api, "/api/v1/members", Map.of("name", "Tech Admin", "email", email, "role", "TECH_ADMIN", "recorded", false,
				"password", "tech-password-123456"));
		return Http.signedIn(port, email, "tech-password-123456");
	}

	/** A recorded member with a personal meeting link, on the company's default profile. */
	public JsonNode member(Http http, String name, String slug, String meetingUrl) {
		return post(http, "/api/v1/members", Map.of("name", name, "email", slug + "@" + this.slug + ".example", "slug",
				slug, "recorded", true, "personalMeetingUrl", meetingUrl));
	}

}
