package dev.assent.consentpage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.EnabledWithBrowser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent flow in a real browser (PRODUCT C1, C3): a tech admin sets Michael's meeting link and
 * his profile's participant choice in the admin UI; a participant opens Michael's personal link,
 * sees the page and the company notice, chooses, and lands on Michael's meeting at the provider
 * (a WireMock server on {@code zoom.localhost}, which Chromium resolves to this machine).
 */
@AssentIntegrationTest
@TestPropertySource(properties = { "assent.providers.extra-domains.ZOOM=zoom.localhost", "assent.providers.allow-http=true" })
@EnabledWithBrowser
class ConsentFlowBrowserTests {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static WireMockServer provider;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ChromeDriverService driverService;

	WebDriver browser;

	WebDriverWait wait;

	@BeforeAll
	static void startProvider() {
		provider = new WireMockServer(options().dynamicPort());
		provider.start();
		provider.stubFor(get("/j/123").willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<!DOCTYPE html><html><head><title>Zoom meeting 123</title></head>"
					+ "<body><h1>Michael's Zoom meeting</h1></body></html>")));
	}

	@AfterAll
	static void stopProvider() {
		provider.stop();
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File(EnabledWithBrowser.CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(EnabledWithBrowser.CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--no-proxy-server", "--window-size=1366,900", "--user-data-dir=" + profile.toAbsolutePath());
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		browser = new ChromeDriver(driverService, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(15));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (driverService != null) {
			driverService.stop();
		}
	}

	@Test
	void participantWhoMayOptOutJoinsWithoutBeingRecorded() {
		String meeting = meetingUrl();
		adminSignsIn();
		String profile = adminSetsMichaelsMeetingLinkAndFindsHisProfile(meeting);
		adminSetsParticipantChoice(profile, "MAY_OPT_OUT");
		Set<UUID> before = decisionIds();

		participantOpensMichaelsLink();
		List<String> choices = buttons();
		assertThat(choices).containsExactly("Join and record", "Join but don't record");
		screenshot("consent-page.png");
		browser.findElement(By.xpath("//button[normalize-space()=\"Join but don't record\"]")).click();

		wait.until(ExpectedConditions.urlToBe(meeting));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Michael's Zoom meeting");
		provider.verify(getRequestedFor(urlEqualTo("/j/123")));
		assertThat(newDecisionOfMichael(before)).containsEntry("choice", "DONT_RECORD")
			.containsEntry("outcome", "OPTED_OUT")
			.containsEntry("provider", "ZOOM")
			.containsEntry("join_url", meeting);
	}

	@Test
	void participantWhoMustConsentIsOfferedOnlyConsentAndJoin() {
		String meeting = meetingUrl();
		adminSignsIn();
		String profile = adminSetsMichaelsMeetingLinkAndFindsHisProfile(meeting);
		adminSetsParticipantChoice(profile, "MUST_CONSENT");
		Set<UUID> before = decisionIds();

		participantOpensMichaelsLink();
		assertThat(buttons()).containsExactly("Consent and join");
		assertThat(browser.getPageSource()).doesNotContain("Join but don");
		browser.findElement(By.xpath("//button[normalize-space()='Consent and join']")).click();

		wait.until(ExpectedConditions.urlToBe(meeting));
		assertThat(browser.getTitle()).isEqualTo("Zoom meeting 123");
		assertThat(newDecisionOfMichael(before)).containsEntry("choice", "CONSENT")
			.containsEntry("outcome", "CONSENTED")
			.containsEntry("join_url", meeting);
	}

	// --- the admin's steps

	void adminSignsIn() {
		browser.get(app("/login"));
		browser.findElement(By.id("username")).sendKeys(AssentIntegrationTest.ADMIN_EMAIL);
		browser.findElement(By.id("password")).sendKeys(AssentIntegrationTest.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait.until(ExpectedConditions.titleContains("Dashboard"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Acme Corp");
	}

	/** Uses the live search (htmx) to find Michael, edits his meeting link, and reads his profile from the list. */
	String adminSetsMichaelsMeetingLinkAndFindsHisProfile(String meetingUrl) {
		browser.findElement(By.linkText("Team members")).click();
		wait.until(ExpectedConditions.titleContains("Team members"));
		assertThat(browser.findElements(By.cssSelector("#members-table tbody tr"))).hasSizeGreaterThan(1);
		browser.findElement(By.id("q")).sendKeys("michael");
		wait.until(d -> d.findElements(By.cssSelector("#members-table tbody tr")).size() == 1);
		wait.until(ExpectedConditions.urlContains("q=michael"));
		assertThat(browser.findElement(By.cssSelector("#members-table tbody tr")).getText()).contains("Michael Scott");

		browser.findElement(By.linkText("Michael Scott")).click();
		wait.until(ExpectedConditions.titleContains("Michael Scott"));
		WebElement url = browser.findElement(By.id("personalMeetingUrl"));
		url.clear();
		url.sendKeys(meetingUrl);
		browser.findElement(By.xpath("//button[normalize-space()='Save changes']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.success"), "Saved Michael Scott."));

		browser.findElement(By.id("q")).sendKeys("michael");
		wait.until(d -> d.findElements(By.cssSelector("#members-table tbody tr")).size() == 1);
		WebElement row = browser.findElement(By.xpath("//tr[td/a[normalize-space()='Michael Scott']]"));
		List<WebElement> cells = row.findElements(By.tagName("td"));
		assertThat(browser.findElement(By.xpath("//thead/tr/th[6]")).getText()).isEqualTo("CONSENT PROFILE");
		screenshot("members-page.png");
		assertNoContentSecurityPolicyViolations();
		return cells.get(5).findElement(By.tagName("span")).getText();
	}

	void adminSetsParticipantChoice(String profile, String choice) {
		browser.findElement(By.linkText("Consent profiles")).click();
		wait.until(ExpectedConditions.titleContains("Consent profiles"));
		browser.findElement(By.xpath("//tbody//td[1]/a[normalize-space()='" + profile + "']")).click();
		wait.until(ExpectedConditions.titleContains(profile));
		browser.findElement(By.cssSelector("input[name=participantChoice][value=" + choice + "]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Save changes']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.success"),
				"Saved the consent profile " + profile));
		assertNoContentSecurityPolicyViolations();
	}

	// --- the participant's steps

	void participantOpensMichaelsLink() {
		browser.manage().deleteAllCookies();
		browser.get(app("/acme/michael"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Join Michael Scott's meeting");
		assertThat(browser.findElement(By.cssSelector(".notice-text")).getText())
			.contains("Acme Corp records sales meetings");
		assertThat(browser.findElement(By.linkText("Data-protection policy")).getAttribute("href"))
			.isEqualTo("https://acme.example/privacy");
	}

	List<String> buttons() {
		return browser.findElements(By.cssSelector("form.choices button")).stream().map(WebElement::getText).toList();
	}

	// --- helpers

	String meetingUrl() {
		return "http://zoom.localhost:" + provider.port() + "/j/123";
	}

	String app(String path) {
		return "http://localhost:" + port + path;
	}

	Set<UUID> decisionIds() {
		return new HashSet<>(jdbc.sql("select id from consentpage.decisions").query(UUID.class).list());
	}

	/** The one decision stored since {@code before}; it must be Michael's. */
	Map<String, Object> newDecisionOfMichael(Set<UUID> before) {
		List<Map<String, Object>> added = jdbc.sql("""
				select d.id, m.email, d.choice, d.outcome, d.provider, d.join_url from consentpage.decisions d
				join accounts.members m on m.id = d.member_id""")
			.query()
			.listOfRows()
			.stream()
			.filter(row -> !before.contains((UUID) row.get("id")))
			.toList();
		assertThat(added).hasSize(1);
		assertThat(added.get(0)).containsEntry("email", "michael@acme.example");
		return added.get(0);
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The admin pages load htmx and styles without tripping their strict CSP (no inline script or style). */
	void assertNoContentSecurityPolicyViolations() {
		List<String> violations = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter(m -> m.contains("Content Security Policy"))
			.toList();
		assertThat(violations).isEmpty();
	}

}
