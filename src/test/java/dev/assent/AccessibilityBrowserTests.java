package dev.assent;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.EnabledWithBrowser;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core in Chromium over every public and admin page type finds no WCAG 2.1 A/AA violation
 * (PRODUCT C8 beyond); the consent page works from the keyboard alone, without JavaScript.
 */
@AssentIntegrationTest
@EnabledWithBrowser
@TestPropertySource(properties = "assent.providers.allow-http=true")
class AccessibilityBrowserTests {

	static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	JdbcClient jdbc;

	ChromeDriverService driverService;

	WebDriver browser;

	@TempDir
	Path profile;

	WebDriver open(String acceptLanguage, boolean javascript) {
		driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File(EnabledWithBrowser.CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(EnabledWithBrowser.CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-proxy-server",
				"--window-size=1366,900", "--user-data-dir=" + profile.toAbsolutePath());
		Map<String, Object> prefs = new LinkedHashMap<>();
		prefs.put("intl.accept_languages", acceptLanguage);
		if (!javascript) {
			prefs.put("profile.managed_default_content_settings.javascript", 2);
		}
		options.setExperimentalOption("prefs", prefs);
		browser = new ChromeDriver(driverService, options);
		return browser;
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
	void publicPagesHaveNoWcagViolationsInEnglishAndArabic() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "a11y");
		c.member(http, "Ana Access", "ana", "https://zoom.us/j/4242");
		String profileId = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		c.patch(http, "/api/v1/consent-profiles/" + profileId, Map.of("languages", List.of("en", "ar", "ja")));

		List<String> found = new ArrayList<>();
		for (String language : List.of("en", "ar", "ja")) {
			open(language, true);
			found.addAll(violations("/" + c.slug() + "/ana"));
			found.addAll(violations("/" + c.slug() + "/nobody"));
			found.addAll(violations("/acme/michael"));
			closeBrowser();
		}
		assertThat(found).isEmpty();
	}

	@Test
	void adminPagesHaveNoWcagViolations() {
		open("en", true);
		browser.get(url("/login"));
		found(violations("/login"));
		browser.findElement(By.name("username")).sendKeys(AssentIntegrationTest.ADMIN_EMAIL);
		browser.findElement(By.name("password")).sendKeys(AssentIntegrationTest.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(url("/admin")));
		String callId = jdbc.sql("select c.id::text from calls.calls c join accounts.companies co on co.id = c.company_id "
				+ "where co.slug = 'acme' order by c.planned_start limit 1").query(String.class).single();
		String profileId = jdbc.sql("select p.id::text from profiles.consent_profiles p join accounts.companies co "
				+ "on co.id = p.company_id where co.slug = 'acme' limit 1").query(String.class).single();

		List<String> found = new ArrayList<>();
		for (String page : List.of("/admin", "/admin/members", "/admin/members/new", "/admin/teams", "/admin/profiles",
				"/admin/profiles/new", "/admin/profiles/" + profileId, "/admin/consent-page", "/admin/decisions",
				"/admin/calls", "/admin/calls/" + callId, "/admin/me", "/admin/me/calls", "/admin/reports",
				"/admin/reports?groupBy=team&period=week", "/admin/recorder", "/admin/integrations", "/admin/mailbox",
				"/admin/meetings/import", "/admin/tokens", "/admin/webhooks", "/admin/no-such-page")) {
			found.addAll(violations(page));
		}
		assertThat(found).isEmpty();

		// The check itself works: an image without a text alternative is found.
		browser.get(url("/admin"));
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.querySelector('main').appendChild(document.createElement('img')).src = '/x.png';");
		assertThat(new AxeBuilder().withTags(WCAG_21_AA).analyze(browser).getViolations()).extracting(Rule::getId)
			.contains("image-alt");
	}

	@Test
	void consentPageWorksFromTheKeyboardAloneWithoutJavaScript() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "keys");
		String landing = url("/actuator/health");
		// The landing page is no meeting provider's: a tech admin allows other providers' links (L7 safe links).
		c.json(http, "PUT", "/api/v1/integrations/other-links", Map.of("allowed", true));
		c.member(http, "Kim Keys", "kim", landing);
		open("en", false);
		browser.get(url("/" + c.slug() + "/kim"));

		WebElement focused = null;
		for (int i = 0; i < 10; i++) {
			browser.switchTo().activeElement().sendKeys(Keys.TAB);
			focused = browser.switchTo().activeElement();
			if ("button".equals(focused.getTagName())) {
				break;
			}
		}
		assertThat(focused).isNotNull();
		assertThat(focused.getTagName()).isEqualTo("button");
		assertThat(focused.getText()).isEqualTo("Join the meeting");
		focused.sendKeys(Keys.ENTER);
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(landing));
		assertThat(jdbc.sql("select count(*) from consentpage.decisions d join accounts.companies co "
				+ "on co.id = d.company_id where co.slug = ?").param(c.slug()).query(Long.class).single()).isEqualTo(1);
	}

	private static void found(List<String> violations) {
		assertThat(violations).isEmpty();
	}

	private List<String> violations(String path) {
		browser.get(url(path));
		Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
		List<String> found = new ArrayList<>();
		for (Rule r : results.getViolations()) {
			found.add(path + " [" + browser.findElement(By.tagName("html")).getAttribute("lang") + "]: " + r.getId()
					+ " (" + r.getHelp() + ") at " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
		}
		return found;
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
