package dev.assent.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.shared.InvalidInput;

/**
 * What accounts needs to know about consent profiles: which exist and which is the default.
 * Implemented by the profiles module (dependency inversion: profiles depends on accounts, not
 * the other way round).
 */
public interface ConsentProfileCatalog {

	/** The profile's name, when the profile exists in the company. */
	Optional<String> name(UUID companyId, UUID profileId);

	/** A profile of the company by name (case-insensitive), for provisioning. */
	Optional<UUID> findByName(UUID companyId, String name);

	/** Id → name of every profile of the company. */
	Map<UUID, String> names(UUID companyId);

	/** The company's default profile (PRODUCT P2). */
	UUID defaultProfile(UUID companyId);

	/** {@code profileId} when it is null or a profile of the company; else a 400 on {@code consentProfileId}. */
	default @Nullable UUID require(UUID companyId, @Nullable UUID profileId) {
		if (profileId != null && name(companyId, profileId).isEmpty()) {
			throw InvalidInput.of("consentProfileId", "invalid.no-such-consent-profile");
		}
		return profileId;
	}

}
