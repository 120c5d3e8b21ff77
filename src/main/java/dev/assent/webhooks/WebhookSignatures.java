package dev.assent.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.assent.shared.Tokens;

/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is {@code whsec_<base64 key>};
 * {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">}.
 */
final class WebhookSignatures {

	private WebhookSignatures() {
	}

	static String newSecret() {
		byte[] key = Base64.getUrlDecoder().decode(Tokens.random(24));
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	static String sign(String secret, String id, long timestamp, String body) {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
