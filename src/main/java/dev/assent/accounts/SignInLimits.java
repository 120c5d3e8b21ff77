package dev.assent.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins counted per account (email) and per client address in a window, in the
 * database so all nodes share the count. Once either reaches its limit, sign-in is refused without
 * checking the password (each check costs a bcrypt hash) until the window has passed.
 */
@Component
class SignInLimits {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int perAccount;

	private final int perAddress;

	private final Duration window;

	SignInLimits(JdbcClient jdbc, Clock clock, SignInSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.perAccount = settings.maxFailuresPerAccount();
		this.perAddress = settings.maxFailuresPerAddress();
		this.window = settings.window();
	}

	Duration window() {
		return window;
	}

	/** Whether this account or this address has used up its failed attempts. */
	boolean limited(String email, String address) {
		return failures(account(email)) >= perAccount || failures(address(address)) >= perAddress;
	}

	void failed(String email, String address) {
		count(account(email));
		count(address(address));
	}

	/** A successful sign-in forgets the account's failures (not the address's). */
	void succeeded(String email) {
		jdbc.sql("delete from accounts.sign_in_failures where key = ?").param(account(email)).update();
	}

	private int failures(String key) {
		Instant since = Instant.now(clock).minus(window);
		return jdbc.sql("select failures from accounts.sign_in_failures where key = ? and window_started_at > ?")
			.params(key, Timestamp.from(since))
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private void count(String key) {
		Instant now = Instant.now(clock);
		Timestamp expired = Timestamp.from(now.minus(window));
		jdbc.sql("""
				insert into accounts.sign_in_failures as f (key, failures, window_started_at) values (?, 1, ?)
				on conflict (key) do update set
				    failures = case when f.window_started_at <= ? then 1 else f.failures + 1 end,
				    window_started_at = case when f.window_started_at <= ? then excluded.window_started_at
				                             else f.window_started_at end""")
			.params(key, Timestamp.from(now), expired, expired)
			.update();
	}

	private static String account(String email) {
		return "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
	}

	private static String address(String address) {
		return "address:" + address;
	}

}
