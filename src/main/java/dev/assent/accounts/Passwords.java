package dev.assent.accounts;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.assent.shared.InvalidInput;

/**
 * The password rule (12 characters up to bcrypt's 72 bytes) and the encoder. bcrypt reads at most
 * 72 bytes; Spring Security's encoder refuses longer input with an exception (which answered 500).
 * Here a longer password is refused with a message when it is set, and simply does not match when
 * someone signs in with it.
 */
public final class Passwords implements PasswordEncoder {

	public static final int MIN_CHARACTERS = 12;

	public static final int MAX_BYTES = 72;

	private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private static @Nullable InvalidInput invalid(String password) {
		if (password.length() < MIN_CHARACTERS) {
			return InvalidInput.of("password", "invalid.password.too-short", MIN_CHARACTERS);
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return InvalidInput.of("password", "invalid.password.too-long", MAX_BYTES);
		}
		return null;
	}

	static void require(String password) {
		InvalidInput invalid = invalid(password);
		if (invalid != null) {
			throw invalid;
		}
	}

	@Override
	public String encode(CharSequence raw) {
		require(raw.toString());
		return delegate.encode(raw);
	}

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		if (raw == null || raw.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return false;
		}
		return delegate.matches(raw, encoded);
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return delegate.upgradeEncoding(encoded);
	}

}
