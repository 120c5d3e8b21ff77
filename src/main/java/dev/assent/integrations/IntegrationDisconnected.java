package dev.assent.integrations;

import java.time.Instant;
import java.util.UUID;

import dev.assent.calls.Provider;

/**
 * A company's provider integration stopped working or was disconnected (PRODUCT L5, E3): the
 * provider refused Assent's credentials (401, revoked app, deauthorization) or a tech admin
 * disconnected it. Dynamic links cannot be created until it is connected again.
 *
 * @param reason what happened, in a sentence an admin understands
 */
public record IntegrationDisconnected(UUID companyId, Provider provider, String reason, Instant at) {
}
