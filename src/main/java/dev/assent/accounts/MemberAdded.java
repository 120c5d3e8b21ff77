package dev.assent.accounts;

import java.time.Instant;
import java.util.UUID;

/** A team member was created (admin UI, API or provisioning); integrations then look up their personal link (L3). */
public record MemberAdded(UUID companyId, UUID memberId, Instant at) {
}
