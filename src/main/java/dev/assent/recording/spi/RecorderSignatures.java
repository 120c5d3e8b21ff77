package dev.assent.recording.spi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * {@code X-Assent-Signature} of the Recorder API (API.md): HMAC-SHA256 of a command's or webhook's
 * raw body with the shared secret, checked in constant time. Assent signs its commands and checks
 * {@code /webhooks/recorder}; the simulated recorder does the opposite.
 */
public final class RecorderSignatures {

	public static final String HEADER = "X-Assent-Signature";

	private RecorderSignatures() {
	}

	public static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code sha256=<hex HMAC-SHA256 of the raw body>} with the shared secret (API.md, Recorder webhooks). */
	public static String assent(String secret, byte[] body) {
		return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
	}

	public static boolean validAssent(String secret, byte[] body, @Nullable String header) {
		if (header == null) {
			return false;
		}
		byte[] expected = assent(secret, body).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
	}

}
