package dev.assent.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret tokens: generated with a strong random source, stored only as SHA-256 hashes, compared
 * in constant time.
 */
public final class Tokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Tokens() {
	}

	/** A new random token with a readable prefix, e.g. {@code ast_…}. */
	public static String generate(String prefix) {
		return prefix + "_" + random(24);
	}

	/** URL-safe random string carrying {@code bytes} bytes of entropy. */
	public static String random(int bytes) {
		byte[] buf = new byte[bytes];
		RANDOM.nextBytes(buf);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
	}

	/**
	 * A URL-safe string of {@code bytes} random bytes from a fast, non-cryptographic source: for
	 * values that must be unique, not secret (e.g. a page-view idempotency key).
	 */
	public static String unique(int bytes) {
		byte[] buf = new byte[bytes];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(buf);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
	}

	/** The hex SHA-256 hash under which a token is stored. */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
