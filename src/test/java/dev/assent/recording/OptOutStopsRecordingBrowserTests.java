package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.shared.Tokens;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.Chromium;
import dev.assent.support.EnabledWithBrowser;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static dev.assent.recording.Recordings.event;
import static dev.assent.recording.Recordings.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3 in a real browser: a meeting for Michael scheduled through the API starts now, a
 * participant opts out on /acme/michael, the recorder (WireMock) is told to stop that bot, the call
 * is skipped, and Michael's Conversations widget shows it with who opted out.
 */
@RecorderTest
@EnabledWithBrowser
@ExtendWith(Chromium.PerTest.class)
class OptOutStopsRecordingBrowserTests {

	static final String MICHAEL_PASSWORD = "michael-test-password-123";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CompanyManagement companies;

	@Autowired
	MemberManagement members;

	@Test
	void participantOptsOutOnTheConsentPageAndTheRecorderIsToldToStopThatBot(WebDriver browser) {
		Http http = new Http(port);
		UUID acme = companies.findBySlug("acme").orElseThrow().id();
		Member michael = members.findBySlug(acme, "michael").orElseThrow();
		members.setPassword(acme, michael.id(), MICHAEL_PASSWORD);
		// Acme's API token was shown once at seeding; give the test one of its own.
		String token = "ast_browser_test_" + UUID.randomUUID();
		jdbc.sql("update accounts.companies set api_token_hash = ? where id = ?").params(Tokens.hash(token), acme).update();
		TestCompany acmeApi = new TestCompany(acme.toString(), "acme", token, "");

		Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String callId = Recordings.schedule(http, acmeApi, "michael", "Paper supply renewal", start,
				Duration.ofMinutes(30), null, Map.of("jan@client.example", "Jan Levinson")).get(0);
		String botId = Recordings.awaitBot(jdbc, callId);
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", start, callId, botId)).status())
			.isEqualTo(200);
		// Jan joined with the provider's link; she then opens Michael's consent page and opts out.
		Map<String, Object> joined = event("evt-" + UUID.randomUUID(), "participant.joined", clock.instant(), callId, botId);
		joined.put("name", "Jan Levinson");
		joined.put("email", "jan@client.example");
		assertThat(webhook(http, joined).status()).isEqualTo(200);

		browser.get(http.base() + "/acme/michael");
		assertThat(browser.getPageSource()).contains("Michael Scott");
		WebElement dontRecord = browser.findElement(By.cssSelector("button[name='choice'][value='DONT_RECORD']"));
		assertThat(dontRecord.getText()).isEqualTo("Join but don't record");
		try {
			dontRecord.click();
		}
		catch (TimeoutException ex) {
			// The page sends the participant on to Zoom, which this machine cannot reach.
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(WireMockRecorder.stopsOf(botId).get(0).getBodyAsString()).contains("PARTICIPANT_OPTED_OUT");
		assertThat(Recordings.status(http, acmeApi, callId)).isEqualTo("SKIPPED");

		Chromium.signIn(browser, http.base(), "michael@acme.example", MICHAEL_PASSWORD);
		browser.get(http.base() + "/admin/me");
		WebElement widget = browser.findElement(By.id("conversations"));
		WebElement row = widget.findElement(By.cssSelector("tr.conversation[data-call-id='" + callId + "']"));
		assertThat(row.getText()).contains("Paper supply renewal", "Jan Levinson (jan@client.example)");
		assertThat(row.findElement(By.cssSelector(".opted-out")).getText())
			.contains("Opted out:", "Jan Levinson (jan@client.example)");

		Chromium.follow(browser, row.findElement(By.linkText("Paper supply renewal")));
		assertThat(browser.findElement(By.id("call-status")).getText()).isEqualTo("SKIPPED");
		assertThat(browser.findElement(By.id("opted-out")).getText()).isEqualTo("1");
		assertThat(browser.findElement(By.id("consented")).getText()).isEqualTo("0");
		assertThat(browser.findElement(By.id("no-answer")).getText()).isEqualTo("0");
	}

}
