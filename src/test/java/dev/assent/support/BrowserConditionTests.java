package dev.assent.support;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A newcomer without Chromium gets skipped browser tests with the reason; CI gets a failure (issue 7). */
class BrowserConditionTests {

	static final Map<String, Path> ABSENT = Map.of("chromium", Path.of("/nonexistent/chromium"), "chromedriver",
			Path.of("/nonexistent/chromedriver"));

	@Test
	void skipsBrowserTestsWithTheReasonWhenChromiumIsMissing() {
		ConditionEvaluationResult result = BrowserCondition.evaluate(ABSENT, null, null);
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
			.contains("chromedriver (/nonexistent/chromedriver)", "chromium (/nonexistent/chromium)", "apt-get install"));
	}

	@Test
	void failsInsteadOfSkippingWhenCiRequiresTheBrowser() {
		assertThatThrownBy(() -> BrowserCondition.evaluate(ABSENT, null, "true"))
			.isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining("required here");
		assertThatThrownBy(() -> BrowserCondition.evaluate(ABSENT, "required", null))
			.isInstanceOf(ExtensionConfigurationException.class);
		// An explicit "optional" wins over CI=true (a CI job without a browser on purpose).
		assertThat(BrowserCondition.evaluate(ABSENT, "optional", "true").isDisabled()).isTrue();
	}

	@Test
	void runsBrowserTestsWhereChromiumIsInstalled() {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		assertThat(BrowserCondition.evaluate(Map.of("chromium", java, "chromedriver", java), null, "true").isDisabled())
			.isFalse();
	}

}
