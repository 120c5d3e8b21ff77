package dev.assent.profiles;

import java.util.List;
import java.util.UUID;

/**
 * Warnings the profile page shows about a profile, from modules that know more than profiles do
 * (the jurisdictions of scheduled calls' participants, PRODUCT X3). Implemented elsewhere; the
 * profile page asks every implementation.
 */
public interface ProfileWarnings {

	/** Why the profile may be too weak; empty when it is not. */
	List<String> of(UUID companyId, ConsentProfile profile);

}
