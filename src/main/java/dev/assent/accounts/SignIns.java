package dev.assent.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Finds the account behind an email for form login. */
@Component
class SignIns implements UserDetailsService {

	private final Members members;

	SignIns(Members members) {
		this.members = members;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return members.findLogin(email).map(SignedInMember::new).orElseThrow(() -> new UsernameNotFoundException(email));
	}

}
