package dev.assent;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.WireMockRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, back-pressure: bodies on the webhook and simulator endpoints are capped before they are
 * read, and one participant flooding the decision POST gets {@code 429} with {@code Retry-After}.
 */
@AssentIntegrationTest
class BackPressureIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void refusesAnOversizedWebhookBodyBeforeReadingIt() throws Exception {
		Http http = new Http(port);
		String big = "{\"id\":\"x\",\"pad\":\"" + "a".repeat(300 * 1024) + "\"}";
		Http.Response r = http.post("/webhooks/recorder", "application/json", big, "X-Assent-Signature",
				WireMockRecorder.sign(big));
		assertThat(r.status()).isEqualTo(413);
		assertThat(r.body()).contains("body-too-large");
		assertThat(http.post("/webhooks/recall", "application/json", big).status()).isEqualTo(413);
		assertThat(http.post("/simulator/recorder/bots", "application/json", big).status()).isEqualTo(413);
	}

	@Test
	void stopsReadingAnOversizedBodySentWithoutALength() throws Exception {
		byte[] big = ("{\"pad\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes();
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/recorder"))
				.header("Content-Type", "application/json")
				.header("X-Assent-Signature", WireMockRecorder.sign(new String(big)))
				// No length: sent chunked.
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
				.build(), HttpResponse.BodyHandlers.ofString());
		// Not read to the end, so never judged by its signature (that would be 200 or 401).
		assertThat(r.statusCode()).isBetween(400, 413).isNotEqualTo(401);
	}

	@Test
	void oneParticipantPostingDecisionAfterDecisionGets429WithRetryAfter() {
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/acme/michael").body());
		form.put("choice", "RECORD");
		int redirected = 0;
		Http.Response last = null;
		for (int i = 0; i < 40; i++) {
			last = participant.form("/acme/michael", form);
			if (last.status() == 303) {
				redirected++;
			}
			else {
				break;
			}
		}
		// assent.consent-page.rate-limit.per-participant: 30 a minute.
		assertThat(redirected).isEqualTo(30);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.header("Retry-After")).isEqualTo("60");
		assertThat(last.body()).contains("Too many attempts");
		// Somebody else is not affected.
		Http other = new Http(port);
		Map<String, String> theirs = Http.hiddenFields(other.get("/acme/michael").body());
		theirs.put("choice", "RECORD");
		assertThat(other.form("/acme/michael", theirs).status()).isEqualTo(303);
	}

}
