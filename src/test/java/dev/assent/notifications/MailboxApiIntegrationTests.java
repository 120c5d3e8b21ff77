package dev.assent.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
import static org.awaitility.Awaitility.await;

/**
 * Issue 11: what the admin mailbox does, through the API — Send email now (E2) with a run to poll,
 * the company's emails newest first in keyset pages with filters, one email with its bodies; only
 * the caller's company; bad input answers problem details.
 */
@AssentIntegrationTest
class MailboxApiIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void sendEmailNowStartsARunToPollAndTheMailboxListsAndOpensItsEmails() { // E2, E4
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "mailapi");
		c.member(http, "Ann Announce", "ann", "https://zoom.us/j/8100001");
		c.member(http, "Bo Announce", "bo", "https://zoom.us/j/8100002");
		c.member(http, "Cy Announce", "cy", "https://zoom.us/j/8100003");
		c.post(http, "/api/v1/members", Map.of("name", "Nora Notrecorded", "email", "nora@" + c.slug() + ".example",
				"recorded", false));
		assertThat(http.get("/api/v1/announcements/latest", c.apiToken()).status()).isEqualTo(404);

		Http.Response started = http.json("POST", "/api/v1/announcements", c.apiToken(), "");

		assertThat(started.status()).isEqualTo(202);
		String location = started.header("Location");
		assertThat(location).isEqualTo("/api/v1/announcements/" + started.json().get("id").asString());
		assertThat(started.json().get("total").asInt()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> c.get(http, location).get("finished").asBoolean());
		JsonNode run = c.get(http, location);
		assertThat(run.get("sent").asLong()).isEqualTo(3);
		assertThat(run.get("pending").asLong()).isZero();
		assertThat(c.get(http, "/api/v1/announcements/latest").get("id").asString()).isEqualTo(run.get("id").asString());

		// A second run has nothing left to send: every link is announced once (E4).
		Http.Response again = http.json("POST", "/api/v1/announcements", c.apiToken(), "");
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().get("total").asInt()).isZero();
		assertThat(again.json().get("finished").asBoolean()).isTrue();

		JsonNode all = c.get(http, "/api/v1/emails");
		assertThat(all.get("captured").asBoolean()).isTrue();
		assertThat(all.get("nextCursor").isNull()).isTrue();
		assertThat(all.get("items").valueStream().map(e -> e.get("recipient").asString()))
			.containsExactlyInAnyOrder("ann@" + c.slug() + ".example", "bo@" + c.slug() + ".example",
					"cy@" + c.slug() + ".example");
		assertThat(all.get("items").get(0).has("textBody")).as("lists leave the bodies out").isFalse();

		// Pages of one: the three emails of one run share their creation time; the id breaks the tie.
		List<String> paged = new ArrayList<>();
		String cursor = null;
		for (int i = 0; i < 5; i++) {
			JsonNode page = c.get(http, "/api/v1/emails?size=1" + (cursor == null ? "" : "&cursor=" + cursor));
			page.get("items").forEach(e -> paged.add(e.get("id").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			if (cursor == null) {
				break;
			}
		}
		assertThat(paged).containsExactlyElementsOf(ids(all));

		assertThat(c.get(http, "/api/v1/emails?status=sent&reason=LINK_ANNOUNCEMENT&run=" + run.get("id").asString())
			.get("items")).hasSize(3);
		assertThat(c.get(http, "/api/v1/emails?reason=PRE_CALL").get("items")).isEmpty();
		assertThat(c.get(http, "/api/v1/emails?status=FAILED").get("items")).isEmpty();

		String id = paged.get(0);
		JsonNode email = c.get(http, "/api/v1/emails/" + id);
		assertThat(email.get("reason").asString()).isEqualTo("LINK_ANNOUNCEMENT");
		assertThat(email.get("status").asString()).isEqualTo("SENT");
		assertThat(email.get("attempts").asInt()).isEqualTo(1);
		assertThat(email.get("transport").asString()).isEqualTo("CAPTURED");
		assertThat(email.get("subject").asString()).isNotBlank();
		assertThat(email.get("textBody").asString()).contains("/" + c.slug() + "/");
		assertThat(email.get("htmlBody").asString()).contains("<html", "/" + c.slug() + "/");
	}

	@Test
	void anotherCompanySeesNoneOfTheMailbox() { // T1
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "mail-a");
		TestCompany b = TestCompany.create(http, "mail-b");
		a.member(http, "Ada Mail", "ada", "https://zoom.us/j/8200001");
		Http.Response started = http.json("POST", "/api/v1/announcements", a.apiToken(), "");
		assertThat(started.status()).isEqualTo(202);
		String runId = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> a.get(http, "/api/v1/emails").get("items").size() == 1);
		String emailId = a.get(http, "/api/v1/emails").get("items").get(0).get("id").asString();

		assertThat(b.get(http, "/api/v1/emails").get("items")).isEmpty();
		assertThat(b.get(http, "/api/v1/emails?run=" + runId).get("items")).isEmpty();
		assertThat(http.get("/api/v1/emails/" + emailId, b.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/announcements/" + runId, b.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/announcements/latest", b.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/emails").status()).as("no token").isEqualTo(401);
		assertThat(http.json("POST", "/api/v1/announcements", "not-a-token", "").status()).isEqualTo(401);
	}

	@Test
	void badListParametersAnswerProblemDetails() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "mail-bad");

		assertInvalid(http.get("/api/v1/emails?status=BOUNCED", c.apiToken()), "status", "invalid.one-of");
		assertInvalid(http.get("/api/v1/emails?reason=SPAM", c.apiToken()), "reason", "invalid.one-of");
		assertInvalid(http.get("/api/v1/emails?size=0", c.apiToken()), "size", "invalid.page-size");
		assertInvalid(http.get("/api/v1/emails?size=501", c.apiToken()), "size", "invalid.page-size");
		assertInvalid(http.get("/api/v1/emails?cursor=not-ours", c.apiToken()), "cursor", "invalid.cursor");
		// a cursor of ours with its tie-breaker tampered with
		String forged = Base64.getUrlEncoder().encodeToString("2026-12-03T09:00:00Z|42".getBytes());
		assertInvalid(http.get("/api/v1/emails?cursor=" + forged, c.apiToken()), "cursor", "invalid.cursor");
		assertThat(http.get("/api/v1/emails/not-an-id", c.apiToken()).status()).isEqualTo(400);
		assertThat(http.get("/api/v1/announcements/not-an-id", c.apiToken()).status()).isEqualTo(400);
	}

	private static List<String> ids(JsonNode list) {
		return list.get("items").valueStream().map(e -> e.get("id").asString()).toList();
	}

}
