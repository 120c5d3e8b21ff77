package dev.assent.integrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClientException;

import dev.assent.calls.MeetingLinks;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderCapability;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * A company's provider integrations (PRODUCT L1–L7): which providers there are with their
 * capabilities, connecting with credentials (checked with the provider, then kept encrypted),
 * disconnecting, and noticing that a provider refused Assent ({@link IntegrationDisconnected}).
 * Every method takes the caller's company id and never sees another company's connections.
 */
@Service
public class IntegrationManagement {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IntegrationManagement.class);

	private static final int MAX_FIELD_LENGTH = 4096;

	private final Connections connections;

	private final SecretBox secrets;

	private final ObjectProvider<ProviderConnector> connectors;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	private final MeetingLinks links;

	private final AccessTokens tokens;

	private final IntegrationSettings settings;

	IntegrationManagement(Connections connections, SecretBox secrets, ObjectProvider<ProviderConnector> connectors,
			ApplicationEventPublisher events, JsonMapper json, Clock clock, MeetingLinks links, AccessTokens tokens,
			IntegrationSettings settings) {
		this.settings = settings;
		this.tokens = tokens;
		this.connections = connections;
		this.secrets = secrets;
		this.connectors = connectors;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.links = links;
	}

	/** Every provider of PRODUCT C4 (and OTHER) with its capabilities and the company's connection. */
	public List<Integration> list(UUID companyId) {
		Map<Provider, Connections.Connection> current = new LinkedHashMap<>();
		connections.all(companyId).forEach(c -> current.put(c.provider(), c));
		List<Integration> out = new ArrayList<>();
		for (Provider p : Provider.values()) {
			out.add(view(p, current.get(p)));
		}
		return out;
	}

	public Integration get(UUID companyId, Provider provider) {
		return view(provider, connections.find(companyId, provider).orElse(null));
	}

	/** Whether links of providers Assent does not know may be used (a tech admin's choice, see {@link MeetingLinks}). */
	public boolean otherLinksAllowed(UUID companyId) {
		return links.otherLinksAllowed(companyId);
	}

	public void allowOtherLinks(UUID companyId, boolean allowed) {
		links.allowOtherLinks(companyId, allowed);
	}

	/**
	 * Connects the provider with the given credentials after the provider accepted them;
	 * connecting again replaces them. Publishes {@link IntegrationConnected}.
	 */
	@Transactional
	public Integration connect(UUID companyId, Provider provider, Map<String, String> given) {
		ProviderConnector connector = connector(provider);
		Map<String, String> credentials = new LinkedHashMap<>();
		for (String field : connector.fields()) {
			String value = given.get(field);
			if ((value == null || value.isBlank()) && connector.optionalFields().contains(field)) {
				continue;
			}
			if (value == null || value.isBlank()) {
				throw InvalidInput.of(field, "invalid.integration.required", provider.displayName());
			}
			if (value.length() > MAX_FIELD_LENGTH) {
				throw InvalidInput.of(field, "invalid.characters.at-most", MAX_FIELD_LENGTH);
			}
			credentials.put(field, value.strip());
		}
		for (String field : given.keySet()) {
			if (!connector.fields().contains(field)) {
				throw InvalidInput.of(field, "invalid.integration.unknown-field", provider.displayName(),
						String.join(", ", connector.fields()));
			}
		}
		String account = connector.verify(companyId, credentials);
		tokens.forget(companyId, provider);
		Instant now = Instant.now(clock);
		connections.connect(companyId, provider, account, secrets.seal(json.writeValueAsString(credentials)), now);
		events.publishEvent(new IntegrationConnected(companyId, provider, now));
		return get(companyId, provider);
	}

	/**
	 * Connects the provider with the tokens a tech admin granted at the provider (OAuth 2.0
	 * authorization-code grant, {@link UserGrants}) after the provider accepted the access token;
	 * they are kept encrypted like other credentials. Publishes {@link IntegrationConnected}.
	 */
	@Transactional
	Integration connectGrant(UUID companyId, Provider provider, Map<String, String> grant, Map<String, Object> tokenResponse) {
		ProviderConnector connector = connector(provider);
		String account = connector.verifyGrant(companyId, grant.get(UserGrants.ACCESS_TOKEN), tokenResponse);
		tokens.forget(companyId, provider);
		Instant now = Instant.now(clock);
		connections.connect(companyId, provider, account, secrets.seal(json.writeValueAsString(grant)), now);
		events.publishEvent(new IntegrationConnected(companyId, provider, now));
		return get(companyId, provider);
	}

	/** A tech admin disconnects the provider: its credentials are forgotten. Disconnecting again changes nothing. */
	@Transactional
	public Integration disconnect(UUID companyId, Provider provider, String byWhom) {
		ProviderConnector connector = connector(provider);
		credentials(companyId, provider).ifPresent(c -> {
			try {
				connector.beforeDisconnect(companyId, c);
			}
			catch (RuntimeException ex) {
				log.warn("Could not undo {}'s set-up of company {} at the provider: {}", provider, companyId, ex.getMessage());
			}
		});
		Instant now = Instant.now(clock);
		String reason = "Disconnected by " + byWhom + ".";
		tokens.forget(companyId, provider);
		if (connections.disconnect(companyId, provider, reason, true, now)) {
			events.publishEvent(new IntegrationDisconnected(companyId, provider, reason, now));
		}
		return get(companyId, provider);
	}

	/**
	 * Sets up the webhooks Assent wants at the provider for the company's connection (on connect,
	 * again while it fails, or when a tech admin asks) and records the outcome: in place, nothing to
	 * set up, or the provider's refusal with the time of the next attempt (doubling pauses from
	 * {@code assent.integrations.webhook-retry-delay} up to {@code …webhook-retry-max-delay}).
	 * Nothing happens when the provider is not connected.
	 */
	public Integration setUpWebhooks(UUID companyId, Provider provider) {
		ProviderConnector connector = connector(provider);
		if (!connected(companyId, provider)) {
			return get(companyId, provider);
		}
		try {
			boolean kept = connector.registerWebhooks(companyId);
			connections.webhooksSettled(companyId, provider, kept ? WebhookSetup.State.REGISTERED : null, Instant.now(clock));
		}
		catch (ProviderUnavailable | RestClientException ex) {
			log.warn("Could not set up Assent's {} webhooks for company {}: {}", provider, companyId, ex.getMessage());
			connections.webhooksFailed(companyId, provider, String.valueOf(ex.getMessage()), Instant.now(clock), this::backoff);
		}
		return get(companyId, provider);
	}

	/** Tries again the webhook set-ups that failed and are due; returns how many are now in place. */
	int retryDueWebhooks(int limit) {
		Instant now = Instant.now(clock);
		int settled = 0;
		for (Connections.Connection due : connections.claimWebhookRetries(now, now.plus(Duration.ofMinutes(5)), limit)) {
			Integration after = setUpWebhooks(due.companyId(), due.provider());
			if (after.webhooks() == null || after.webhooks().state() == WebhookSetup.State.REGISTERED) {
				settled++;
			}
		}
		return settled;
	}

	private Duration backoff(int attempts) {
		Duration delay = settings.webhookRetryDelay().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
		return delay.compareTo(settings.webhookRetryMaxDelay()) > 0 ? settings.webhookRetryMaxDelay() : delay;
	}

	/**
	 * An adapter found the integration refused by the provider (401 after a fresh token, revoked
	 * app, deauthorization webhook): it is marked disconnected and {@link IntegrationDisconnected}
	 * is published once.
	 */
	@Transactional
	public void markDisconnected(UUID companyId, Provider provider, String reason) {
		Instant now = Instant.now(clock);
		tokens.forget(companyId, provider);
		if (connections.disconnect(companyId, provider, reason, false, now)) {
			events.publishEvent(new IntegrationDisconnected(companyId, provider, reason, now));
		}
	}

	/**
	 * The companies whose connected integration with the provider is the given provider account
	 * (e.g. the Zoom account id an app-level webhook names); the caller then acts for each of them.
	 */
	public List<UUID> connectedAs(Provider provider, String account) {
		return connections.connectedAs(provider, account);
	}

	public boolean connected(UUID companyId, Provider provider) {
		return connections.isConnected(companyId, provider);
	}

	/** The credentials of a connected integration, for its adapter; empty when not connected. */
	public Optional<Map<String, String>> credentials(UUID companyId, Provider provider) {
		return connections.find(companyId, provider)
			.filter(c -> c.state() == ConnectionState.CONNECTED)
			.map(c -> json.readValue(secrets.open(c.secrets()), new TypeReference<Map<String, String>>() {
			}));
	}

	/**
	 * Replaces one credential of a connected integration, kept encrypted like the others (e.g. the
	 * refresh token a provider rotated while refreshing an access token). Nothing changes when the
	 * integration is not connected.
	 */
	@Transactional
	public void updateCredential(UUID companyId, Provider provider, String field, String value) {
		updateCredentials(companyId, provider, Map.of(field, value));
	}

	/** Replaces some credentials of a connected integration at once, kept encrypted; nothing changes when it is not connected. */
	@Transactional
	public void updateCredentials(UUID companyId, Provider provider, Map<String, String> changes) {
		credentials(companyId, provider).ifPresent(current -> {
			Map<String, String> updated = new LinkedHashMap<>(current);
			updated.putAll(changes);
			if (updated.equals(current)) {
				return;
			}
			connections.replaceSecrets(companyId, provider, secrets.seal(json.writeValueAsString(updated)), Instant.now(clock));
		});
	}

	private ProviderConnector connector(Provider provider) {
		return connectors.orderedStream()
			.filter(c -> c.provider() == provider)
			.findFirst()
			.orElseThrow(() -> new NotFound("Integration for " + provider.displayName()));
	}

	private Integration view(Provider p, Connections.@Nullable Connection c) {
		Optional<ProviderConnector> connector = connectors.orderedStream().filter(x -> x.provider() == p).findFirst();
		Set<ProviderCapability> capabilities = EnumSet.noneOf(ProviderCapability.class);
		if (p.supportsOptOut()) {
			capabilities.add(ProviderCapability.OPT_OUT);
		}
		connector.ifPresent(x -> capabilities.addAll(x.capabilities()));
		ConnectionState state = connector.isEmpty() ? ConnectionState.NO_INTEGRATION
				: c == null ? ConnectionState.NOT_CONNECTED : c.state();
		return new Integration(p, p.displayName(), capabilities, state, c == null ? null : c.account(),
				c == null ? null : c.connectedAt(), c == null ? null : c.disconnectedAt(), c == null ? null : c.reason(),
				connector.map(ProviderConnector::fields).orElse(List.of()),
				connector.map(ProviderConnector::secretFields).orElse(Set.of()),
				connector.flatMap(ProviderConnector::userGrantApp).isPresent(),
				c == null || c.state() != ConnectionState.CONNECTED ? null : c.webhooks());
	}

}
