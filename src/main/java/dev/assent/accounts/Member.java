package dev.assent.accounts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A team member of a company (PRODUCT T2). {@code consentProfileId} is the profile assigned to the
 * member explicitly, if any; see {@link MemberManagement#effectiveProfile} for the one that applies.
 */
public record Member(UUID id, UUID companyId, String name, String email, String slug, @Nullable UUID teamId,
		@Nullable UUID managerId, Role role, boolean recorded, boolean active, @Nullable UUID consentProfileId,
		@Nullable String personalMeetingUrl, @Nullable String externalId, Instant createdAt, Instant updatedAt) {

	/** Only recorded, active members have a personal consent page (PRODUCT C1). */
	public boolean hasConsentPage() {
		return recorded && active;
	}

}
