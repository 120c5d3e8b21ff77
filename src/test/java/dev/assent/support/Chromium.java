package dev.assent.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven by its chromedriver (STACK gotcha 9), one profile folder per
 * browser. {@code @ExtendWith(Chromium.PerTest.class)} gives each test method that asks for a
 * {@link WebDriver} parameter its own browser, quit after the test.
 */
public final class Chromium {

	/** One browser per test method that takes a {@link WebDriver}; quit and its profile removed after it. */
	public static final class PerTest implements ParameterResolver, AfterEachCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerTest.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == WebDriver.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			try {
				Path profile = Files.createTempDirectory("assent-chromium");
				WebDriver browser = start(profile);
				context.getStore(NAMESPACE).put("profile", profile);
				context.getStore(NAMESPACE).put("browser", browser);
				return browser;
			}
			catch (IOException ex) {
				throw new ParameterResolutionException("Chromium could not be started", ex);
			}
		}

		@Override
		public void afterEach(ExtensionContext context) throws IOException {
			WebDriver browser = context.getStore(NAMESPACE).remove("browser", WebDriver.class);
			if (browser != null) {
				browser.quit();
			}
			Path profile = context.getStore(NAMESPACE).remove("profile", Path.class);
			if (profile != null) {
				FileSystemUtils.deleteRecursively(profile);
			}
		}

	}

	private Chromium() {
	}

	/**
	 * Clicks a button or link that leads to another page and waits until that page has replaced
	 * this one: a click returns once the event is dispatched, so the next page may not have started
	 * loading yet (a form's submission is scheduled, not done, when {@code click()} returns).
	 */
	public static void follow(WebDriver browser, WebElement clickable) {
		WebElement current = browser.findElement(By.tagName("html"));
		clickable.click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(current));
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/** Signs in on {@code /login} and waits for the page the sign-in leads to. */
	public static void signIn(WebDriver browser, String base, String email, String password) {
		browser.get(base + "/login");
		browser.findElement(By.id("username")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(password);
		follow(browser, browser.findElement(By.cssSelector("form button[type='submit']")));
		if (browser.getCurrentUrl().contains("/login")) {
			throw new IllegalStateException("Sign-in as " + email + " failed: still on " + browser.getCurrentUrl());
		}
	}

	public static WebDriver start(Path profile) throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(EnabledWithBrowser.CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(EnabledWithBrowser.CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return browser;
	}

}
