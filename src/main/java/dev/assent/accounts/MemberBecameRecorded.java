package dev.assent.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A team member now has a consent page: created recorded and active, or made recorded (or active
 * again) later. The notifications module sends such members the link announcement (PRODUCT E2).
 */
public record MemberBecameRecorded(UUID companyId, UUID memberId, Instant occurredAt) {
}
