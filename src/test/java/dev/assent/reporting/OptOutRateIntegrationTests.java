package dev.assent.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.calls.OccurrenceRule;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PRODUCT R1: the opt-out rate of a seeded set of calls equals the hand count, in total and per
 * team, member, provider and period; counted from events as they happen, once each.
 */
@AssentIntegrationTest
class OptOutRateIntegrationTests {

	static final Instant D1 = Instant.parse("2031-01-06T00:30:00Z");

	static final Instant D2 = Instant.parse("2031-01-20T09:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	ReportingListeners listeners;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	@Test
	void rateOfSeededCallsEqualsTheHandCountPerTeamMemberAndProvider() {
		clock.set(Instant.parse("2031-01-01T00:00:00Z"));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "r1");
		String red = c.post(http, "/api/v1/teams", Map.of("name", "Red")).get("id").asString();
		String blue = c.post(http, "/api/v1/teams", Map.of("name", "Blue")).get("id").asString();
		String ann = member(http, c, "Ann Red", "ann", "Red", "https://zoom.us/j/1001");
		String bob = member(http, c, "Bob Red", "bob", "Red", "https://teams.microsoft.com/l/meetup-join/bob");
		String cat = member(http, c, "Cat Blue", "cat", "Blue", "https://zoom.us/j/1003");

		// Ann, Zoom, day 1: recorded; opted out; nobody came; consented then someone opted out.
		List<Instant> annCalls = schedule(http, c, "ann", "ZOOM", D1, 4);
		// Bob, Teams, day 1: two calls recorded. Cat, Zoom, day 15: opted out; two consents.
		List<Instant> bobCalls = schedule(http, c, "bob", "MICROSOFT_TEAMS", D1, 2);
		List<Instant> catCalls = schedule(http, c, "cat", "ZOOM", D2, 2);

		decide(http, c, "ann", annCalls.get(0), "RECORD");
		decide(http, c, "ann", annCalls.get(1), "DONT_RECORD");
		decide(http, c, "ann", annCalls.get(3), "RECORD", "DONT_RECORD");
		decide(http, c, "bob", bobCalls.get(0), "RECORD");
		decide(http, c, "bob", bobCalls.get(1), "RECORD");
		decide(http, c, "cat", catCalls.get(0), "DONT_RECORD");
		decide(http, c, "cat", catCalls.get(1), "RECORD", "RECORD");

		String query = "/api/v1/reports/opt-out-rate?from=2031-01-01&to=2031-01-31";
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode total = c.get(http, query).get("total");
			assertThat(total.get("denominator").asLong()).isEqualTo(7);
			assertThat(total.get("numerator").asLong()).isEqualTo(3);
		});
		assertThat(c.get(http, query).get("total").get("rate").asDouble()).isEqualTo(3.0 / 7);

		assertThat(figures(c.get(http, query + "&groupBy=team"))).isEqualTo(Map.of(red, "2/5", blue, "1/2"));
		assertThat(figures(c.get(http, query + "&groupBy=member"))).isEqualTo(Map.of(ann, "2/3", bob, "0/2", cat, "1/2"));
		assertThat(figures(c.get(http, query + "&groupBy=provider")))
			.isEqualTo(Map.of("ZOOM", "3/5", "MICROSOFT_TEAMS", "0/2"));
		JsonNode byTeam = c.get(http, query + "&groupBy=team");
		assertThat(byTeam.get("groups").findValuesAsString("name")).containsExactlyInAnyOrder("Red", "Blue");

		JsonNode weekly = c.get(http, query + "&groupBy=team&period=week");
		Map<String, String> byWeek = new LinkedHashMap<>();
		weekly.get("groups").forEach(g -> byWeek.put(g.get("name").asString() + " " + g.get("period").asString(),
				g.get("numerator").asLong() + "/" + g.get("denominator").asLong()));
		assertThat(byWeek).isEqualTo(Map.of("Red 2031-01-06", "2/5", "Blue 2031-01-20", "1/2"));

		JsonNode day2Only = c.get(http, "/api/v1/reports/opt-out-rate?from=2031-01-20&to=2031-01-20").get("total");
		assertThat(day2Only.get("numerator").asLong() + "/" + day2Only.get("denominator").asLong()).isEqualTo("1/2");

		// Whole months come from the month counters, the days at the edges from the day counters.
		assertThat(fraction(c.get(http, "/api/v1/reports/opt-out-rate?from=2030-12-15&to=2031-01-10"))).isEqualTo("2/5");
		assertThat(fraction(c.get(http, "/api/v1/reports/opt-out-rate?from=2031-01-07&to=2031-02-28"))).isEqualTo("1/2");
		assertThat(fraction(c.get(http, "/api/v1/reports/opt-out-rate?from=2031-01-06&to=2031-03-31"))).isEqualTo("3/7");
		assertThat(fraction(c.get(http, "/api/v1/reports/opt-out-rate?from=2031-01-07&to=2031-01-19"))).isEqualTo("0/0");
		JsonNode monthly = c.get(http, "/api/v1/reports/opt-out-rate?from=2030-12-01&to=2031-02-13&groupBy=team&period=month");
		Map<String, String> byMonth = new LinkedHashMap<>();
		monthly.get("groups").forEach(g -> byMonth.put(g.get("name").asString() + " " + g.get("period").asString(),
				g.get("numerator").asLong() + "/" + g.get("denominator").asLong()));
		assertThat(byMonth).isEqualTo(Map.of("Red 2031-01-01", "2/5", "Blue 2031-01-01", "1/2"));
	}

	private static String fraction(JsonNode report) {
		JsonNode total = report.get("total");
		return total.get("numerator").asLong() + "/" + total.get("denominator").asLong();
	}

	@Test
	void aRepeatedEventCountsOnceAndOtherCompaniesSeeNothing() {
		clock.set(Instant.parse("2031-01-01T00:00:00Z"));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "r1once");
		member(http, c, "Dee Once", "dee", null, "https://zoom.us/j/1004");
		Instant start = schedule(http, c, "dee", "ZOOM", D1, 1).get(0);
		decide(http, c, "dee", start, "DONT_RECORD");
		String query = "/api/v1/reports/opt-out-rate?from=2031-01-01&to=2031-01-31";
		await().atMost(Duration.ofSeconds(20))
			.until(() -> c.get(http, query).get("total").get("numerator").asLong() == 1);
		String callId = c.get(http, "/api/v1/calls?from=2031-01-01T00:00:00Z").get("items").get(0).get("id").asString();

		// The same opt-out and skip noted again (a retried transaction, a second node): folded, they count once.
		tx.executeWithoutResult(s -> {
			listeners.on(new ConsentsDeclined(List.of(new ConsentDeclined(UUID.randomUUID(), UUID.fromString(c.id()),
					UUID.randomUUID(), UUID.fromString(callId), "someone", start))));
			listeners.on(new dev.assent.calls.CallSkipped(UUID.fromString(callId), UUID.fromString(c.id()),
					dev.assent.calls.SkipReason.PARTICIPANT_OPTED_OUT, start));
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from reporting.journal where call_id = ?::uuid")
				.param(callId)
				.query(Long.class)
				.single() == 0);

		JsonNode total = c.get(http, query).get("total");
		assertThat(total.get("numerator").asLong() + "/" + total.get("denominator").asLong()).isEqualTo("1/1");
		TestCompany other = TestCompany.create(http, "r1other");
		JsonNode theirs = other.get(http, query + "&groupBy=member");
		assertThat(theirs.get("total").get("denominator").asLong()).isZero();
		assertThat(theirs.get("total").has("rate")).as("no rate without calls").isFalse();
		assertThat(theirs.get("groups")).isEmpty();
	}

	@Test
	void notesOfATransactionThatRolledBackCountNothingAndABacklogIsFoldedInBatches() { // R1, issue 7
		clock.set(Instant.parse("2031-01-01T00:00:00Z"));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "r1fold");
		member(http, c, "Fay Fold", "fay", null, "https://zoom.us/j/1005");
		List<Instant> starts = schedule(http, c, "fay", "ZOOM", D1, 3);
		List<UUID> calls = new ArrayList<>();
		c.get(http, "/api/v1/calls?from=2031-01-01T00:00:00Z").get("items").forEach(i -> calls.add(UUID.fromString(i.get("id").asString())));
		assertThat(calls).hasSize(3);
		UUID company = UUID.fromString(c.id());

		tx.executeWithoutResult(s -> {
			listeners.on(new ConsentsDeclined(List.of(new ConsentDeclined(UUID.randomUUID(), company, UUID.randomUUID(),
					calls.get(0), "gone", starts.get(0)))));
			s.setRollbackOnly();
		});
		// More notes than one fold takes: the second and third calls, each noted BATCH times.
		tx.executeWithoutResult(s -> {
			List<ConsentDeclined> many = new ArrayList<>();
			for (int i = 0; i < ReportingJournalJob.BATCH; i++) {
				many.add(new ConsentDeclined(UUID.randomUUID(), company, UUID.randomUUID(), calls.get(1 + i % 2), "p" + i,
						starts.get(1)));
			}
			listeners.on(new ConsentsDeclined(many));
			listeners.on(new dev.assent.calls.CallSkipped(calls.get(2), company,
					dev.assent.calls.SkipReason.PARTICIPANT_OPTED_OUT, starts.get(2)));
		});

		String query = "/api/v1/reports/opt-out-rate?from=2031-01-01&to=2031-01-31";
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from reporting.journal where company_id = ?")
			.param(company)
			.query(Long.class)
			.single() == 0);
		JsonNode total = c.get(http, query).get("total");
		assertThat(total.get("numerator").asLong() + "/" + total.get("denominator").asLong()).isEqualTo("1/2");
	}

	@Test
	void rejectsBadParametersWithProblemDetails() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "r1bad");
		for (String q : List.of("groupBy=colour", "period=year", "from=yesterday", "from=2031-02-01&to=2031-01-01",
				"from=2020-01-01&to=2031-01-01")) {
			Http.Response r = http.get("/api/v1/reports/opt-out-rate?" + q, c.apiToken());
			assertThat(r.status()).as(q).isEqualTo(400);
			assertThat(r.header("Content-Type")).as(q).startsWith("application/problem+json");
		}
		// issue 10: the problem names its message code beside the bundle's English
		JsonNode span = http.get("/api/v1/reports/opt-out-rate?from=2020-01-01&to=2031-01-01", c.apiToken()).json();
		assertThat(span.get("code").asString()).isEqualTo("invalid.report.span");
		assertThat(span.get("errors").get("to").asString()).isEqualTo("a report spans at most 1098 days");
		assertThat(span.get("detail").asString()).isEqualTo("to: a report spans at most 1098 days");
		assertThat(http.get("/api/v1/reports/opt-out-rate").status()).isEqualTo(401);
	}

	private static Map<String, String> figures(JsonNode report) {
		Map<String, String> figures = new LinkedHashMap<>();
		report.get("groups").forEach(g -> figures.put(g.get("key").asString(),
				g.get("numerator").asLong() + "/" + g.get("denominator").asLong()));
		return figures;
	}

	private static String member(Http http, TestCompany c, String name, String slug, String team, String url) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", slug + "@" + c.slug() + ".example");
		body.put("slug", slug);
		body.put("recorded", true);
		body.put("personalMeetingUrl", url);
		if (team != null) {
			body.put("team", team);
		}
		return c.post(http, "/api/v1/members", body).get("id").asString();
	}

	/**
	 * One-hour calls 5½ hours apart from {@code first}, owned by the member: further apart than a call may run over
	 * ({@link OccurrenceRule#OVERRUN}), so that a decision five minutes into a call is for that call even while the
	 * simulated recorder has not yet reported the member's previous call ended (the test moves the clock by hours at
	 * once; the recorder's bots follow within a second).
	 */
	private static List<Instant> schedule(Http http, TestCompany c, String slug, String provider, Instant first, int n) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Instant start = first.plus(Duration.ofMinutes(330L * i));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("title", "Call " + i);
			body.put("organizerEmail", slug + "@" + c.slug() + ".example");
			body.put("provider", provider);
			body.put("start", start.toString());
			body.put("end", start.plus(Duration.ofHours(1)).toString());
			body.put("timeZone", "UTC");
			body.put("invitees", List.of(Map.of("email", "guest@client.example", "name", "Guest")));
			c.post(http, "/api/v1/meetings", body);
			starts.add(start);
		}
		return starts;
	}

	/** Participants in fresh browsers decide five minutes into the call. */
	private void decide(Http http, TestCompany c, String slug, Instant start, String... choices) {
		clock.set(start.plus(Duration.ofMinutes(5)));
		for (String choice : choices) {
			Http browser = new Http(port);
			Map<String, String> form = Http.hiddenFields(browser.get("/" + c.slug() + "/" + slug).body());
			form.put("choice", choice);
			assertThat(browser.form("/" + c.slug() + "/" + slug, form).status()).isEqualTo(303);
		}
	}

}
