package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A team of members; a profile assigned to it applies to members without their own (PRODUCT P3). */
public record Team(UUID id, UUID companyId, String name, @Nullable UUID consentProfileId) {
}
