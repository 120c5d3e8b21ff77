package dev.assent.recording;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/** HMAC-SHA256 signatures of webhook and command bodies, checked in constant time. */
final class Signatures {

	static final String HEADER = "X-Assent-Signature";

	private Signatures() {
	}

	static byte[] hmac(byte[] key, byte[] data) {
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
	static String assent(String secret, byte[] body) {
		return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
	}

	static boolean validAssent(String secret, byte[] body, @Nullable String header) {
		if (header == null) {
			return false;
		}
		byte[] expected = assent(secret, body).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
	}

	/*
	 * Recall.ai's scheme (Standard Webhooks, sent through Svix), as documented in "Verifying webhooks,
	 * websockets and callback requests from Recall.ai" (docs.recall.ai/docs/authenticating-requests-from-recallai):
	 * the secret is {@code whsec_<base64 key>}; the signed content is
	 * {@code <webhook-id>.<webhook-timestamp>.<raw body>}; {@code webhook-signature} is a
	 * space-separated list of {@code v1,<base64 HMAC-SHA256>}, any of which may match (key rotation).
	 */
	static boolean validRecall(String secret, String id, String timestamp, byte[] body, @Nullable String header) {
		if (header == null || !secret.startsWith("whsec_")) {
			return false;
		}
		byte[] expected = recallSignature(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
		boolean valid = false;
		for (String candidate : header.strip().split(" ")) {
			int comma = candidate.indexOf(',');
			if (comma > 0 && candidate.substring(0, comma).equals("v1")) {
				valid |= MessageDigest.isEqual(expected, candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
			}
		}
		return valid;
	}

	static String recallSignature(String secret, String id, String timestamp, byte[] body) {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, content, 0, prefix.length);
		System.arraycopy(body, 0, content, prefix.length, body.length);
		return Base64.getEncoder().encodeToString(hmac(key, content));
	}

}
