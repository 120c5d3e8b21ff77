package dev.assent.accounts;

import java.time.Instant;
import java.util.UUID;

/** A company was created; listeners set up what every company starts with (its default profile). */
public record CompanyCreated(UUID companyId, Instant occurredAt) {
}
