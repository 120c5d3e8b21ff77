package dev.assent.integrations;

import java.time.Clock;
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

import dev.assent.calls.MeetingLinks;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderCapability;
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

	IntegrationManagement(Connections connections, SecretBox secrets, ObjectProvider<ProviderConnector> connectors,
			ApplicationEventPublisher events, JsonMapper json, Clock clock, MeetingLinks links, AccessTokens tokens) {
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
				throw new InvalidInput(field, "is required to connect " + provider.displayName());
			}
			if (value.length() > MAX_FIELD_LENGTH) {
				throw new InvalidInput(field, "must be at most " + MAX_FIELD_LENGTH + " characters");
			}
			credentials.put(field, value.strip());
		}
		for (String field : given.keySet()) {
			if (!connector.fields().contains(field)) {
				throw new InvalidInput(field, "is not a field of " + provider.displayName() + " (expected "
						+ String.join(", ", connector.fields()) + ")");
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
	Integration connectGrant(UUID companyId, Provider provider, Map<String, String> grant) {
		ProviderConnector connector = connector(provider);
		String account = connector.verifyGrant(companyId, grant.get(UserGrants.ACCESS_TOKEN));
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
				connector.flatMap(ProviderConnector::userGrantApp).isPresent());
	}

}
