package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as far as tenancy goes: the company every query is scoped by, and the team
 * member when a person is signed in. Controllers take it with {@code @AuthenticationPrincipal}.
 */
public interface Tenant {

	UUID companyId();

	/** The signed-in team member; {@code null} for API-token callers. */
	@Nullable UUID memberId();

	boolean isTechAdmin();

}
