package dev.assent.accounts;

import java.util.UUID;

/**
 * Which personal meeting links a member may point their consent page at (PRODUCT L2, L6): the
 * calls module knows the providers and their domains and implements it (dependency inversion, like
 * {@link ConsentLinks}). A refused link fails with an {@link dev.assent.shared.InvalidInput} whose
 * message says what is accepted.
 */
public interface PersonalLinkPolicy {

	/** The link as it will be stored, or an {@link dev.assent.shared.InvalidInput} on {@code field}. */
	String requireSafe(UUID companyId, String field, String link);

}
