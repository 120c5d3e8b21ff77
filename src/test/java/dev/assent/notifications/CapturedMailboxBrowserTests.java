package dev.assent.notifications;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.accounts.CompanyManagement;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Chromium;
import dev.assent.support.EnabledWithBrowser;
import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without SPRING_MAIL_HOST every email is captured (API.md start-up): a tech admin presses "Send
 * email now" (PRODUCT E2) and reads Michael's announcement in the mailbox, as HTML and as text.
 */
@AssentIntegrationTest
@EnabledWithBrowser
@ExtendWith(Chromium.PerTest.class)
class CapturedMailboxBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	CompanyManagement companies;

	@Autowired
	Emails emails;

	@Test
	void adminSendsTheAnnouncementAndReadsTheCapturedEmailAsHtmlAndAsText(WebDriver browser) {
		Http http = new Http(port);
		UUID acme = companies.findBySlug("acme").orElseThrow().id();
		Chromium.signIn(browser, http.base(), AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);

		browser.get(http.base() + "/admin/mailbox");
		assertThat(browser.findElement(By.cssSelector(".lead")).getText()).contains("captured");
		Chromium.follow(browser, browser.findElement(By.id("send-now")));
		assertThat(browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Sending the link announcement");

		// Captured: the email is "sent" into the mailbox within a poll or two.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> emails.recent(acme, 50).stream()
				.anyMatch(e -> e.recipient().equals("michael@acme.example") && e.status() == Email.Status.SENT));
		browser.navigate().refresh();
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("progress")).getText().contains("done"));
		WebElement row = browser.findElements(By.cssSelector("#emails tbody tr"))
			.stream()
			.filter(r -> r.getText().contains("michael@acme.example"))
			.findFirst()
			.orElseThrow();
		assertThat(row.getText()).contains("Your personal consent link for recorded calls", "LINK_ANNOUNCEMENT", "SENT");
		Chromium.follow(browser, row.findElement(By.linkText("Your personal consent link for recorded calls")));

		assertThat(browser.findElement(By.id("recipient")).getText()).contains("Michael Scott", "michael@acme.example");
		assertThat(browser.findElement(By.id("text-body")).getText()).contains("Hello Michael Scott,", "/acme/michael");
		String detail = browser.getCurrentUrl();

		Chromium.follow(browser, browser.findElement(By.id("open-html")));
		WebElement link = browser.findElement(By.id("consent-link"));
		assertThat(link.getAttribute("href")).endsWith("/acme/michael");
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Acme Corp now asks the participants");

		browser.get(detail);
		Chromium.follow(browser, browser.findElement(By.id("open-text")));
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Hello Michael Scott,", "/acme/michael")
			.doesNotContain("<p>");
	}

}
