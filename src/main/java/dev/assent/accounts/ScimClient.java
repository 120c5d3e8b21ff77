package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An identity provider calling {@code /scim/v2} with its company's SCIM token (PRODUCT J1). */
record ScimClient(UUID companyId) implements Tenant {

	@Override
	public @Nullable UUID memberId() {
		return null;
	}

	@Override
	public boolean isTechAdmin() {
		return true;
	}

}
