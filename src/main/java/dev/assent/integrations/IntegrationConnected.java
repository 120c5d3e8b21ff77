package dev.assent.integrations;

import java.time.Instant;
import java.util.UUID;

import dev.assent.calls.Provider;

/** A tech admin connected a provider integration for the company (its personal links are then read, L2). */
public record IntegrationConnected(UUID companyId, Provider provider, Instant at) {
}
