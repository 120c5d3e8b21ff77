package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.consentpage.PageLinks.Found;
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

	@Autowired
	DataSource dataSource;

	@Test
	void anOptOutMakesOnlyThePagesOfItsCallsRoomStale() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "rooms");
		c.member(http, "Ava Alpha", "ava", "https://zoom.us/j/4100000001");
		c.member(http, "Ben Beta", "ben", "https://zoom.us/j/4100000002");
		meetingUnderWay(http, c, "ava", "Pricing");

		Found ava = (Found) cache.lookup(c.slug(), "ava");
		Found ben = (Found) cache.lookup(c.slug(), "ben");
		assertThat(ava.view().recordingStopped()).isFalse();

		// A participant opts out of Ava's call, on her page.
		optOut(c, "ava");

		// Ava's page says the recording stopped; Ben's page, in another room, is still the one read before.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> cache.lookup(c.slug(), "ava") instanceof Found f && f.view().recordingStopped());
		assertThat(cache.lookup(c.slug(), "ben")).isSameAs(ben);
		assertThat(new Http(port).get("/" + c.slug() + "/ava").body()).contains("id=\"recording-stopped\"");
	}

	/**
	 * The other nodes hear which room changed (a NOTIFY, sent with the decisions' commit: one statement
	 * for all the rooms of a group commit), so their cached pages of that room go stale too.
	 */
	@Test
	void anOptOutTellsEveryNodeWhichRoomChanged() throws Exception {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "rooms-told");
		c.member(http, "Cleo Told", "cleo", "https://zoom.us/j/4100000003");
		meetingUnderWay(http, c, "cleo", "Renewal");
		String room = "room:" + UUID.nameUUIDFromBytes((c.id() + " https://zoom.us/j/4100000003").getBytes(StandardCharsets.UTF_8));
		try (Connection otherNode = dataSource.getConnection(); Statement st = otherNode.createStatement()) {
			st.execute("listen assent_config");
			optOut(c, "cleo");

			List<String> heard = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!heard.contains(room) && System.nanoTime() < deadline) {
				PGNotification[] got = otherNode.unwrap(PGConnection.class).getNotifications(500);
				for (PGNotification n : got == null ? new PGNotification[0] : got) {
					heard.add(n.getParameter());
				}
			}
			st.execute("unlisten *");
			assertThat(heard).contains(room);
		}
	}

	/** A 45-minute meeting of the member with one invitee, started 5 minutes ago by the clock. */
	private void meetingUnderWay(Http http, TestCompany c, String member, String title) {
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		c.post(http, "/api/v1/meetings", Map.of("title", title, "organizerEmail", member + "@" + c.slug() + ".example",
				"start", start.toString(), "end", start.plus(Duration.ofMinutes(45)).toString(), "timeZone", "UTC",
				"invitees", List.of(Map.of("email", "buyer@client.example"))));
		clock.set(start.plus(Duration.ofMinutes(5)));
	}

	/** A new participant chooses "Join but don't record" on the member's page and is sent on. */
	private void optOut(TestCompany c, String member) {
		Http participant = new Http(port);
		Map<String, String> form = Http.hiddenFields(participant.get("/" + c.slug() + "/" + member).body());
		form.put("choice", "DONT_RECORD");
		assertThat(participant.form("/" + c.slug() + "/" + member, form).status()).isEqualTo(303);
	}

}
