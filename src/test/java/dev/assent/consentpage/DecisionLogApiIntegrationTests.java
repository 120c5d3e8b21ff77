package dev.assent.consentpage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static dev.assent.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: the decision log of {@code /admin/decisions} through the API — newest first in a
 * stable order, keyset pages that never shift while decisions arrive, the member filter of the
 * page (and a call filter); only the caller's company; bad input answers problem details.
 */
@AssentIntegrationTest
class DecisionLogApiIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void pagesThroughTheLogNewestFirstWithoutShiftingWhenNewDecisionsArrive() { // C3, C10
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "declog");
		String kim = c.member(http, "Kim Log", "kim", "https://zoom.us/j/8300001").get("id").asString();
		String lee = c.member(http, "Lee Log", "lee", "https://zoom.us/j/8300002").get("id").asString();
		decide(http, c, "kim", "RECORD");
		decide(http, c, "lee", "DONT_RECORD");
		decide(http, c, "kim", "DONT_RECORD");
		decide(http, c, "lee", "RECORD");
		decide(http, c, "kim", "RECORD");

		List<JsonNode> everything = c.get(http, "/api/v1/consent-decisions").get("items").valueStream().toList();
		assertThat(everything).hasSize(5);
		assertThat(everything.stream().map(d -> Instant.parse(d.get("decidedAt").asString())).toList())
			.isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(everything.stream().map(d -> d.get("choice").asString()))
			.as("newest first; when the test clock stands still, storage order breaks the ties")
			.containsExactly("RECORD", "RECORD", "DONT_RECORD", "DONT_RECORD", "RECORD");

		JsonNode first = c.get(http, "/api/v1/consent-decisions?size=2");
		assertThat(ids(first)).containsExactlyElementsOf(ids(everything).subList(0, 2));
		decide(http, c, "lee", "DONT_RECORD"); // arrives while the client pages
		List<String> rest = new ArrayList<>();
		String cursor = first.get("nextCursor").asString();
		for (int pages = 0; cursor != null && pages < 10; pages++) { // bounded: a cursor that never moves fails, not hangs
			JsonNode page = c.get(http, "/api/v1/consent-decisions?size=2&cursor=" + cursor);
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			rest.addAll(ids(page.get("items").valueStream().toList()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		assertThat(rest).as("no decision twice, none skipped").containsExactlyElementsOf(ids(everything).subList(2, 5));
		assertThat(c.get(http, "/api/v1/consent-decisions").get("items")).hasSize(6);

		JsonNode kims = c.get(http, "/api/v1/consent-decisions?member=" + kim);
		assertThat(kims.get("items").valueStream().map(d -> d.get("memberId").asString())).hasSize(3).containsOnly(kim);
		assertThat(c.get(http, "/api/v1/consent-decisions?member=" + lee + "&limit=1").get("items")).hasSize(1);
	}

	@Test
	void anotherCompanySeesNoneOfTheLog() { // T1
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "declog-a");
		TestCompany b = TestCompany.create(http, "declog-b");
		String ada = a.member(http, "Ada Log", "ada", "https://zoom.us/j/8300011").get("id").asString();
		decide(http, a, "ada", "DONT_RECORD");
		String callId = a.post(http, "/api/v1/meetings", Map.of("title", "Intro", "organizerEmail",
				"ada@" + a.slug() + ".example", "start", "2030-01-07T10:00:00Z", "end", "2030-01-07T10:30:00Z",
				"timeZone", "UTC", "invitees", List.of())).get("occurrences").get(0).get("callId").asString();
		assertThat(a.get(http, "/api/v1/consent-decisions").get("items")).hasSize(1);
		assertThat(a.get(http, "/api/v1/consent-decisions?call=" + callId).get("items")).isEmpty();

		assertThat(b.get(http, "/api/v1/consent-decisions").get("items")).isEmpty();
		assertThat(http.get("/api/v1/consent-decisions?member=" + ada, b.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/consent-decisions?call=" + callId, b.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/consent-decisions").status()).isEqualTo(401);
	}

	@Test
	void badParametersAnswerProblemDetails() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "declog-bad");

		assertInvalid(http.get("/api/v1/consent-decisions?size=0", c.apiToken()), "size", "invalid.page-size");
		assertInvalid(http.get("/api/v1/consent-decisions?size=501", c.apiToken()), "size", "invalid.page-size");
		assertInvalid(http.get("/api/v1/consent-decisions?cursor=!!!", c.apiToken()), "cursor", "invalid.cursor");
		String uuidKey = Base64.getUrlEncoder()
			.encodeToString("2026-12-03T09:00:00Z|0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7b".getBytes());
		assertInvalid(http.get("/api/v1/consent-decisions?cursor=" + uuidKey, c.apiToken()), "cursor", "invalid.cursor");
		assertThat(http.get("/api/v1/consent-decisions?member=nobody", c.apiToken()).status()).isEqualTo(400);
	}

	/** A new participant (a fresh cookie jar) decides on the member's personal page. */
	private static void decide(Http http, TestCompany c, String member, String choice) {
		http.clearCookies();
		Map<String, String> form = Http.hiddenFields(http.get("/" + c.slug() + "/" + member).body());
		form.put("choice", choice);
		assertThat(http.form("/" + c.slug() + "/" + member, form).status()).isEqualTo(303);
	}

	private static List<String> ids(JsonNode page) {
		return ids(page.get("items").valueStream().toList());
	}

	private static List<String> ids(List<JsonNode> decisions) {
		return decisions.stream().map(d -> d.get("id").asString()).toList();
	}

}
