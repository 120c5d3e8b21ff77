package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.assent.shared.PlatformSettings;
import dev.assent.shared.Tokens;

/**
 * Signed tokens of the public page, keyed by a secret every node shares (stored once in the
 * database): the CSRF token bound to the participant's cookie and the page (a signed
 * double-submit token, so viewing a page needs no server-side session), and the tokens of
 * protected links (PRODUCT C9).
 */
@Component
class ParticipantTokens {

	static final String COOKIE = "assent_p";

	/** A participant id or a page view's key: 22 URL-safe base64 characters (16 random bytes). */
	static boolean isKey(@Nullable String value) {
		// By hand, not by a regular expression: checked on every decision (issue 7).
		if (value == null || value.length() != 22) {
			return false;
		}
		for (int i = 0; i < 22; i++) {
			char c = value.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private final Mac prototype;

	ParticipantTokens(PlatformSettings settings) {
		String key = settings.getOrCreate("page-signing-key", () -> Tokens.random(32));
		try {
			prototype = Mac.getInstance("HmacSHA256");
			prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String newParticipantId() {
		return Tokens.random(16);
	}

	boolean isParticipantId(@Nullable String value) {
		return isKey(value);
	}

	String csrf(String participantId, UUID companyId, UUID memberId) {
		return sign("csrf|" + participantId + "|" + companyId + "|" + memberId);
	}

	boolean validCsrf(@Nullable String participantId, UUID companyId, UUID memberId, @Nullable String token) {
		return participantId != null && token != null && Tokens.constantTimeEquals(csrf(participantId, companyId, memberId), token);
	}

	String linkToken(UUID companyId, UUID memberId) {
		return sign("link|" + companyId + "|" + memberId);
	}

	/**
	 * A personal withdrawal token (PRODUCT X2): who (participant id or email), whose page and which
	 * call, readable and signed, so the link needs no server-side state.
	 */
	String withdrawal(UUID companyId, UUID memberId, @Nullable UUID callId, String participant) {
		String payload = companyId + "|" + memberId + "|" + (callId == null ? "" : callId) + "|" + participant;
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		return encoded + "." + sign("withdraw|" + payload);
	}

	/** What a withdrawal token says, when its signature holds. */
	record Withdrawal(UUID companyId, UUID memberId, @Nullable UUID callId, String participant) {
	}

	java.util.Optional<Withdrawal> readWithdrawal(@Nullable String token) {
		if (token == null || token.length() > 600) {
			return java.util.Optional.empty();
		}
		int dot = token.lastIndexOf('.');
		if (dot < 1) {
			return java.util.Optional.empty();
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
			if (!Tokens.constantTimeEquals(sign("withdraw|" + payload), token.substring(dot + 1))) {
				return java.util.Optional.empty();
			}
			String[] parts = payload.split("\\|", 4);
			return java.util.Optional.of(new Withdrawal(UUID.fromString(parts[0]), UUID.fromString(parts[1]),
					parts[2].isEmpty() ? null : UUID.fromString(parts[2]), parts[3]));
		}
		catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
			return java.util.Optional.empty();
		}
	}

	private String sign(String value) {
		try {
			Mac mac = (Mac) prototype.clone();
			byte[] sig = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(sig).substring(0, 22);
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
