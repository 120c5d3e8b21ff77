package dev.assent.integrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.assent.calls.Provider;

/**
 * Access tokens of the companies' integrations, kept in memory until a minute before they expire
 * (then a new one is fetched: token refresh), or until the provider answers 401.
 */
@Component
public class AccessTokens {

	/** A token as the provider's token endpoint answered it. */
	public record Token(String value, Duration expiresIn) {
	}

	private record Held(String value, Instant refreshAt) {
	}

	private static final Duration EARLY = Duration.ofMinutes(1);

	private final Map<String, Held> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	AccessTokens(Clock clock) {
		this.clock = clock;
	}

	/** The held token, or a new one from {@code fetch} when there is none, it is about to expire, or {@code fresh}. */
	public String get(UUID companyId, Provider provider, boolean fresh, Supplier<Token> fetch) {
		String key = companyId + "/" + provider;
		Instant now = Instant.now(clock);
		Held held = tokens.get(key);
		if (fresh || held == null || !now.isBefore(held.refreshAt())) {
			Token t = fetch.get();
			held = new Held(t.value(), now.plus(t.expiresIn().minus(EARLY)));
			tokens.put(key, held);
		}
		return held.value();
	}

	/** Forgets the company's token (on disconnect and reconnect). */
	public void forget(UUID companyId, Provider provider) {
		tokens.remove(companyId + "/" + provider);
	}

}
