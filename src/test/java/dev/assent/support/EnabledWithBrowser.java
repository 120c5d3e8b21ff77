package dev.assent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives a real headless Chromium ({@code /usr/bin/chromium} with
 * {@code /usr/bin/chromedriver}, Debian's {@code chromium} and {@code chromium-driver}). On a machine
 * without them the class is skipped with the reason (as Testcontainers' {@code disabledWithoutDocker}
 * does), so a newcomer's {@code ./mvnw verify} passes; in CI ({@code CI=true}, or
 * {@code -Dassent.browser-tests=required}) a missing browser fails the class instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface EnabledWithBrowser {

	String CHROMIUM = "/usr/bin/chromium";

	String CHROMEDRIVER = "/usr/bin/chromedriver";

}
