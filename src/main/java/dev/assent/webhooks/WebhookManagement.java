package dev.assent.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.ConfigChanges;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;
import dev.assent.shared.Tokens;

/** Subscriptions of a company and the events queued for them (PRODUCT J3). */
@Service
class WebhookManagement {

	static final int MAX_SUBSCRIPTIONS = 20;

	private final Webhooks webhooks;

	private final WebhookTargets targets;

	private final JsonMapper json;

	private final Clock clock;

	private final ConfigChanges changes;

	/** The key under which a company's subscriptions change ({@link ConfigChanges#changedRoom}). */
	private static final String SUBSCRIPTIONS = "webhook-subscriptions";

	/** A company's subscriptions, read under the generation of their changes. */
	private record Kept(long generation, List<Subscription> subscriptions) {
	}

	/**
	 * The subscriptions events are queued for, per company (issue 7: every opt-out's events read them
	 * again). Subscribing and unsubscribing move the generation on, on every node; nothing kept is
	 * used while this node cannot hear other nodes' changes.
	 */
	private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

	WebhookManagement(Webhooks webhooks, JsonMapper json, Clock clock, ConfigChanges changes, WebhookSettings settings) {
		this.changes = changes;
		this.webhooks = webhooks;
		this.json = json;
		this.clock = clock;
		this.targets = new WebhookTargets(settings.allowPrivateTargets());
	}

	WebhookTargets targets() {
		return targets;
	}

	@Transactional
	Subscription subscribe(UUID companyId, String url, List<String> events) {
		String target = targets.require(url).toString();
		if (events == null || events.isEmpty()) {
			throw InvalidInput.of("events", "invalid.webhook.no-events", WebhookEvents.ALL);
		}
		for (String event : events) {
			if (!WebhookEvents.ALL.contains(event)) {
				throw InvalidInput.of("events", "invalid.webhook.event", event, WebhookEvents.ALL);
			}
		}
		if (webhooks.subscriptions(companyId).size() >= MAX_SUBSCRIPTIONS) {
			throw InvalidInput.of("url", "invalid.webhook.too-many", MAX_SUBSCRIPTIONS);
		}
		Subscription s = new Subscription(UUID.randomUUID(), companyId, target, WebhookSignatures.newSecret(),
				List.copyOf(new LinkedHashSet<>(events)), Instant.now(clock));
		webhooks.insert(s);
		changes.changedRoom(companyId, SUBSCRIPTIONS);
		return s;
	}

	List<Subscription> subscriptions(UUID companyId) {
		return webhooks.subscriptions(companyId);
	}

	Subscription subscription(UUID companyId, UUID id) {
		return webhooks.subscription(companyId, id).orElseThrow(() -> new NotFound("Webhook subscription"));
	}

	@Transactional
	void unsubscribe(UUID companyId, UUID id) {
		if (webhooks.delete(companyId, id) == 0) {
			throw new NotFound("Webhook subscription");
		}
		changes.changedRoom(companyId, SUBSCRIPTIONS);
	}

	List<Delivery> deliveries(UUID companyId, UUID subscriptionId, int limit) {
		subscription(companyId, subscriptionId);
		return webhooks.deliveries(companyId, subscriptionId, Math.max(1, Math.min(limit, 200)));
	}

	/** An event to queue: the company it is about, the key of its source event, its data. */
	record Outgoing(UUID companyId, String sourceKey, Map<String, Object> data) {
	}

	/**
	 * Queues events of one type for every subscription of their company that wants them, in the
	 * caller's transaction, reading each company's subscriptions once. {@code sourceKey} names the
	 * source event, so the same source queues nothing new.
	 */
	void publish(String type, List<Outgoing> events) {
		Instant now = Instant.now(clock);
		Map<UUID, List<Subscription>> wanting = new HashMap<>();
		for (Outgoing e : events) {
			List<Subscription> subscriptions = wanting.computeIfAbsent(e.companyId(),
					c -> current(c).stream().filter(s -> s.wants(type)).toList());
			if (subscriptions.isEmpty()) {
				continue;
			}
			// One payload per event, whichever subscriptions want it.
			String payload = json.writeValueAsString(Map.of("type", type, "timestamp", now.toString(), "data", e.data()));
			for (Subscription s : subscriptions) {
				webhooks.enqueue("msg_" + Tokens.random(18), s, type, e.sourceKey(), payload, now);
			}
		}
	}

	/** The company's subscriptions as of its last change this node heard of. */
	private List<Subscription> current(UUID companyId) {
		long generation = changes.roomGeneration(companyId, SUBSCRIPTIONS);
		Kept k = kept.get(companyId);
		if (k != null && changes.listening() && k.generation() == generation) {
			return k.subscriptions();
		}
		List<Subscription> read = List.copyOf(webhooks.subscriptions(companyId));
		if (kept.size() >= 10_000) {
			kept.clear();
		}
		kept.put(companyId, new Kept(generation, read));
		return read;
	}

	void publish(UUID companyId, String type, String sourceKey, Map<String, Object> data) {
		publish(type, List.of(new Outgoing(companyId, sourceKey, data)));
	}

}
