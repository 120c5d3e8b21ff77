package dev.assent.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed sign-ins are allowed ({@code assent.sign-in.*}, {@link SignInLimits}).
 *
 * @param maxFailuresPerAccount failed attempts on one account within the window; then sign-in is refused
 *        without checking the password until the window has passed
 * @param maxFailuresPerAddress failed attempts from one address within the window
 * @param window how far back failures count
 */
@ConfigurationProperties("assent.sign-in")
record SignInSettings(@DefaultValue("10") int maxFailuresPerAccount, @DefaultValue("50") int maxFailuresPerAddress,
		@DefaultValue("15m") Duration window) {

}
