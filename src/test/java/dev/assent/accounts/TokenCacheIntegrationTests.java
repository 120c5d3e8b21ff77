package dev.assent.accounts;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.assent.shared.ConfigChanges;
import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a bearer token's company is remembered, so a busy identity provider does not read the
 * companies table on every request, yet a rotated or revoked token stops working at once (T1).
 */
@AssentIntegrationTest
class TokenCacheIntegrationTests {

	@Autowired
	ConfigChanges changes;

	final UUID company = UUID.randomUUID();

	final AtomicInteger lookups = new AtomicInteger();

	Optional<UUID> current = Optional.of(company);

	final Function<String, Optional<UUID>> database = hash -> {
		lookups.incrementAndGet();
		return current;
	};

	@Test
	void remembersAKnownTokenUntilAnyTokenIsRotatedOrRevoked() {
		TokenCache cache = new TokenCache(changes);
		assertThat(cache.company("hash-1", database)).contains(company);
		assertThat(cache.company("hash-1", database)).contains(company);
		assertThat(lookups).hasValue(1);

		current = Optional.empty(); // another node revoked it, then told every node
		changes.tokensChanged();
		assertThat(cache.company("hash-1", database)).isEmpty();
		assertThat(lookups).hasValue(2);
	}

	@Test
	void neverRemembersAnUnknownToken() {
		TokenCache cache = new TokenCache(changes);
		current = Optional.empty();
		assertThat(cache.company("unknown", database)).isEmpty();
		current = Optional.of(company); // rotated in meanwhile
		assertThat(cache.company("unknown", database)).contains(company);
		assertThat(lookups).hasValue(2);
	}

}
