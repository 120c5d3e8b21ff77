package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.Chromium;
import dev.assent.support.EnabledWithBrowser;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static dev.assent.recording.Recordings.event;
import static dev.assent.recording.Recordings.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Withdrawal end to end in a real browser (PRODUCT X2, issue 12): a participant consents on the
 * page, comes back during the call, sees their decision, withdraws it with one click — as easy as
 * the consent was — and the recorder (WireMock) is told to stop that call's bot.
 */
@RecorderTest
@EnabledWithBrowser
@ExtendWith(Chromium.PerTest.class)
class WithdrawalBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	@Test
	void aParticipantWhoConsentedWithdrawsInOneClickDuringTheCallAndTheRecorderStopsTheBot(WebDriver browser) { // X2, D4
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "wbrowse");
		c.member(http, "Wanda Browser", "wanda", "https://zoom.us/j/7100009");
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = Recordings.schedule(http, c, "wanda", "Renewal", start, Duration.ofMinutes(60), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String botId = Recordings.awaitBot(jdbc, callId);
		clock.set(start);
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", start, callId, botId)).status())
			.isEqualTo(200);
		clock.set(start.plus(Duration.ofMinutes(2)));

		String page = http.base() + "/" + c.slug() + "/wanda";
		browser.get(page);
		WebElement record = browser.findElement(By.cssSelector("button[name='choice'][value='RECORD']"));
		try {
			record.click();
		}
		catch (TimeoutException ex) {
			// The page sends the participant on to Zoom, which this machine cannot reach.
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from consentpage.decisions where call_id = ?::uuid and choice = 'RECORD'")
				.param(callId)
				.query(Integer.class)
				.single() == 1);
		assertThat(WireMockRecorder.stopsOf(botId)).isEmpty();

		// Back on the page: the decision is shown with a one-click withdrawal.
		browser.get(page);
		assertThat(browser.getPageSource()).contains("Your decision", "You chose \"Join and record\"");
		WebElement withdraw = browser.findElement(By.cssSelector("form[action^='/consent/withdraw/'] button[type='submit']"));
		assertThat(withdraw.getText()).isEqualTo("Withdraw my consent");
		Chromium.follow(browser, withdraw);

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your consent is withdrawn");
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(Recordings.status(http, c, callId)).isEqualTo("SKIPPED");
		browser.get(page);
		assertThat(browser.getPageSource()).contains("You withdrew your consent");
	}

}
