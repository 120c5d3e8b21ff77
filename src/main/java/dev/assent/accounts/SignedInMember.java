package dev.assent.accounts;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A team member signed in to the admin UI with email and password. */
class SignedInMember extends User implements Tenant {

	private final UUID companyId;

	private final UUID memberId;

	private final Role role;

	SignedInMember(Members.Login login) {
		super(login.email(), login.passwordHash(), login.active(), true, true, true,
				List.of(new SimpleGrantedAuthority("ROLE_" + login.role().name())));
		this.companyId = login.companyId();
		this.memberId = login.memberId();
		this.role = login.role();
	}

	@Override
	public UUID companyId() {
		return companyId;
	}

	@Override
	public @Nullable UUID memberId() {
		return memberId;
	}

	@Override
	public boolean isTechAdmin() {
		return role == Role.TECH_ADMIN;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
