package dev.assent.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderCapability;

/**
 * A provider as a company sees it under Integrations: what it can do and whether it is connected.
 *
 * @param account what identifies the connected provider account (e.g. the Zoom account id); never a secret
 * @param connectFields the fields connecting takes ({@code PUT /api/v1/integrations/{provider}})
 * @param secretFields those of them that are secrets (never shown again)
 * @param userGrant whether a tech admin may connect it by granting access at the provider ("Connect with …" in
 * the admin UI, {@link UserGrants})
 * @param webhooks the webhooks Assent set up at the provider for this connection, or {@code null} when it has none
 * to keep
 */
public record Integration(Provider provider, String name, Set<ProviderCapability> capabilities, ConnectionState state,
		@Nullable String account, @Nullable Instant connectedAt, @Nullable Instant disconnectedAt,
		@Nullable String reason, List<String> connectFields, Set<String> secretFields,
		boolean userGrant, @Nullable WebhookSetup webhooks) {
}
