package dev.assent.accounts;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.assent.shared.ConfigChanges;

/**
 * Which company a bearer token's hash belongs to, remembered briefly (issue 11: an identity provider
 * sends thousands of SCIM requests a minute, and each would otherwise read the companies table
 * first). An entry holds for {@link #TTL} and only while the token generation is the one it was
 * read under: rotating or revoking a token moves it on every node ({@link ConfigChanges#tokensChanged()}),
 * so the old token stops working at once. While this node does not hear the other nodes, nothing
 * is taken from the cache. Unknown tokens are not kept.
 */
final class TokenCache {

	static final Duration TTL = Duration.ofSeconds(30);

	static final int MAX_ENTRIES = 10_000;

	private record Entry(UUID companyId, long generation, long readAt) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ConfigChanges changes;

	TokenCache(ConfigChanges changes) {
		this.changes = changes;
	}

	/** The company of this token hash, from the cache or else from {@code lookup}. */
	Optional<UUID> company(String hash, Function<String, Optional<UUID>> lookup) {
		long now = System.nanoTime();
		Entry e = entries.get(hash);
		if (e != null && changes.listening() && now - e.readAt() < TTL.toNanos()
				&& e.generation() == changes.tokenGeneration()) {
			return Optional.of(e.companyId());
		}
		// The generation before the read: a rotation committed meanwhile makes the entry stale, never the reverse.
		long generation = changes.tokenGeneration();
		Optional<UUID> found = lookup.apply(hash);
		if (found.isEmpty()) {
			entries.remove(hash);
			return found;
		}
		if (entries.size() >= MAX_ENTRIES) {
			entries.clear();
		}
		entries.put(hash, new Entry(found.get(), generation, now));
		return found;
	}

}
