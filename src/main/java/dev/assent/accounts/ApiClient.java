package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A system calling the REST API with its company's API token. It acts as the company's tech admin. */
record ApiClient(UUID companyId) implements Tenant {

	@Override
	public @Nullable UUID memberId() {
		return null;
	}

	@Override
	public boolean isTechAdmin() {
		return true;
	}

}
