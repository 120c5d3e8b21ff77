package dev.assent.recording.recall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.assent.recording.spi.RecorderSignatures;

/**
 * Recall.ai's webhook signatures (Standard Webhooks, sent through Svix), as Recall.ai documents
 * them (docs.recall.ai/docs/authenticating-requests-from-recallai): the secret is
 * {@code whsec_<base64 key>}; the signed content is the webhook id, the webhook timestamp and the
 * raw body joined by dots; {@code webhook-signature} is a space-separated list of
 * {@code v1,<base64 HMAC-SHA256>}, any of which may match (key rotation).
 */
final class RecallSignatures {

	private RecallSignatures() {
	}

	static boolean valid(String secret, String id, String timestamp, byte[] body, @Nullable String header) {
		if (header == null || !secret.startsWith("whsec_")) {
			return false;
		}
		byte[] expected = signature(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
		boolean valid = false;
		for (String candidate : header.strip().split(" ")) {
			int comma = candidate.indexOf(',');
			if (comma > 0 && candidate.substring(0, comma).equals("v1")) {
				valid |= MessageDigest.isEqual(expected, candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
			}
		}
		return valid;
	}

	static String signature(String secret, String id, String timestamp, byte[] body) {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, content, 0, prefix.length);
		System.arraycopy(body, 0, content, prefix.length, body.length);
		return Base64.getEncoder().encodeToString(RecorderSignatures.hmac(key, content));
	}

}
