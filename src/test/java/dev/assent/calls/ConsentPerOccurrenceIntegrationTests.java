package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRODUCT C7: consent is asked per occurrence. A decision on the owner's consent page belongs to
 * the call happening then, and never carries over to another occurrence of the series.
 */
@AssentIntegrationTest
class ConsentPerOccurrenceIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	Http api;

	TestCompany acme;

	List<UUID> occurrences;

	@BeforeEach
	void weeklySeriesOwnedByMichael() {
		clock.set(Instant.parse("2030-03-01T00:00:00Z"));
		api = new Http(port);
		acme = TestCompany.create(api);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "Weekly pipeline review");
		body.put("organizerEmail", "michael@acme.example");
		body.put("start", "2030-03-05T10:00");
		body.put("end", "2030-03-05T11:00");
		body.put("timeZone", "Europe/Berlin");
		body.put("recurrence", "FREQ=WEEKLY;COUNT=3");
		body.put("invitees", List.of(Map.of("email", "jan.kowalski@customer.example")));
		Http.Response created = api.json("POST", "/api/v1/meetings", acme.token(), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		occurrences = new ArrayList<>();
		for (JsonNode o : created.json().get("occurrences")) {
			occurrences.add(UUID.fromString(o.get("callId").asString()));
		}
		assertThat(occurrences).hasSize(3);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	/** A participant opens the consent page in a fresh browser and decides. */
	Http.Response decide(String choice) {
		Http browser = new Http(port);
		Http.Response page = browser.get("/" + acme.slug() + "/michael");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> form = Http.hiddenFields(page.body());
		form.put("choice", choice);
		Http.Response decided = browser.form("/" + acme.slug() + "/michael", form);
		assertThat(decided.status()).as(decided.body()).isEqualTo(303);
		assertThat(decided.header("Location")).isEqualTo("https://us02web.zoom.us/j/81234567890");
		return decided;
	}

	List<UUID> decisionCallIds() {
		return jdbc.sql("select call_id from consentpage.decisions where company_id = ? order by decided_at, id")
			.param(acme.id())
			.query((rs, i) -> rs.getObject("call_id", UUID.class))
			.list();
	}

	long decisionsFor(UUID callId) {
		return jdbc.sql("select count(*) from consentpage.decisions where company_id = ? and call_id = ?")
			.params(acme.id(), callId)
			.query(Long.class)
			.single();
	}

	@Test
	void optOutDuringTheSecondOccurrenceBelongsToThatOccurrenceOnly() {
		// 12 March 2030, 10:05 in Berlin: five minutes into the second occurrence.
		clock.set(Instant.parse("2030-03-12T09:05:00Z"));

		decide("DONT_RECORD");

		assertThat(decisionCallIds()).containsExactly(occurrences.get(1));
		assertThat(decisionsFor(occurrences.get(0))).isZero();
		assertThat(decisionsFor(occurrences.get(2))).isZero();
		JsonNode thirdCall = api.get("/api/v1/calls/" + occurrences.get(2), acme.token()).json();
		assertThat(thirdCall.get("status").asString()).isEqualTo("SCHEDULED");
	}

	@Test
	void aDecisionShortlyBeforeTheStartBelongsToTheComingOccurrence() {
		// Ten minutes before the third occurrence starts (19 March, 10:00 Berlin).
		clock.set(Instant.parse("2030-03-19T08:50:00Z"));

		decide("RECORD");

		assertThat(decisionCallIds()).containsExactly(occurrences.get(2));
	}

	@Test
	void aDecisionBetweenOccurrencesBelongsToNone() {
		// A day after the first occurrence, far from the second.
		clock.set(Instant.parse("2030-03-06T12:00:00Z"));

		decide("DONT_RECORD");

		List<UUID> ids = decisionCallIds();
		assertThat(ids).hasSize(1);
		assertThat(ids.get(0)).isNull();
	}

	@Test
	void eachOccurrenceGetsItsOwnDecision() {
		clock.set(Instant.parse("2030-03-05T09:10:00Z"));
		decide("RECORD");
		clock.advance(Duration.ofDays(7));
		decide("DONT_RECORD");

		assertThat(decisionCallIds()).containsExactly(occurrences.get(0), occurrences.get(1));
	}

}
