package dev.assent.accounts;

import java.time.Instant;
import java.util.UUID;

/** A customer of Assent: the tenant every other record belongs to (PRODUCT T1). */
public record Company(UUID id, String name, String slug, Instant createdAt) {
}
