package dev.assent.consentpage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7: an opt-out that stops a call makes only the pages of that call's room stale (they now say
 * the recording stopped, PRODUCT C10). It used to count as a change of the whole company's
 * configuration, so at the top of the hour every opt-out made every participant's page of the
 * company be read and rendered again.
 */
@AssentIntegrationTest
class PageCacheRoomsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PageCache cache;

	@Autowired
	MutableClock clock;

	@Test
	void anOptOutMakesOnlyThePagesOfItsCallsRoomStale() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "rooms");
		c.member(http, "Ava Alpha", "ava", "https://zoom.us/j/4100000001");
		c.member(http, "Ben Beta", "ben", "https://zoom.us/j/4100000002");
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		c.post(http, "/api/v1/meetings", Map.of("title", "Pricing", "organizerEmail", "ava@" + c.slug() + ".example",
				"start", start.toString(), "end", start.plus(Duration.ofMinutes(45)).toString(), "timeZone", "UTC",
				"invitees", List.of(Map.of("email", "buyer@client.example"))));
		clock.set(start.plus(Duration.ofMinutes(5)));

		Found ava = (Found) cache.lookup(c.slug(), "ava");
		Found ben = (Found) cache.lookup(c.slug(), "ben");
		assertThat(ava.view().recordingStopped()).isFalse();

		// A participant opts out of Ava's call, on her page.
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + c.slug() + "/ava").body());
		form.put("choice", "DONT_RECORD");
		assertThat(participant.form("/" + c.slug() + "/ava", form).status()).isEqualTo(303);

		// Ava's page says the recording stopped; Ben's page, in another room, is still the one read before.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> cache.lookup(c.slug(), "ava") instanceof Found f && f.view().recordingStopped());
		assertThat(cache.lookup(c.slug(), "ben")).isSameAs(ben);
		assertThat(new Http(port).get("/" + c.slug() + "/ava").body()).contains("id=\"recording-stopped\"");
	}

}
