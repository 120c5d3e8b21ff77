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

	/** A fingerprint of the password hash at sign-in (the hash itself is erased after sign-in). */
	private final String credentials;

	SignedInMember(Members.Login login) {
		super(login.email(), login.passwordHash(), login.active(), true, true, true,
				List.of(new SimpleGrantedAuthority("ROLE_" + login.role().name())));
		this.companyId = login.companyId();
		this.memberId = login.memberId();
		this.role = login.role();
		this.credentials = dev.assent.shared.Tokens.hash(login.passwordHash());
	}

	/**
	 * Whether this session may go on: the member still exists, is active, has the role and the
	 * password they signed in with. A deactivated, demoted or re-passworded member's sessions end.
	 */
	boolean stillValid(Members.Login now) {
		return now.active() && now.role() == role
				&& dev.assent.shared.Tokens.constantTimeEquals(credentials, dev.assent.shared.Tokens.hash(now.passwordHash()));
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
