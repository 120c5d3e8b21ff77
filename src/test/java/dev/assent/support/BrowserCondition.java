package dev.assent.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link EnabledWithBrowser} tests only where Chromium and chromedriver are installed; where
 * they are required (CI) and missing, fails instead of skipping.
 */
public class BrowserCondition implements ExecutionCondition {

	/** System property: {@code required} makes a missing browser a failure, {@code optional} a skip. */
	public static final String PROPERTY = "assent.browser-tests";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate(Map.of("chromium", Path.of(EnabledWithBrowser.CHROMIUM), "chromedriver",
				Path.of(EnabledWithBrowser.CHROMEDRIVER)), System.getProperty(PROPERTY), System.getenv("CI"));
	}

	static ConditionEvaluationResult evaluate(Map<String, Path> executables, String property, String ci) {
		List<String> missing = missing(executables);
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
		}
		String reason = "Browser tests need " + String.join(" and ", missing)
				+ " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
		if (required(property, ci)) {
			throw new ExtensionConfigurationException(reason + " — required here (CI=true or -D" + PROPERTY + "=required)");
		}
		return ConditionEvaluationResult.disabled(reason);
	}

	static boolean required(String property, String ci) {
		if (property != null && !property.isBlank()) {
			return "required".equalsIgnoreCase(property.trim());
		}
		return ci != null && ("true".equalsIgnoreCase(ci.trim()) || "1".equals(ci.trim()));
	}

	static List<String> missing(Map<String, Path> executables) {
		List<String> missing = new ArrayList<>();
		executables.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter(e -> !Files.isExecutable(e.getValue()))
			.forEach(e -> missing.add(e.getKey() + " (" + e.getValue() + ")"));
		return missing;
	}

}
