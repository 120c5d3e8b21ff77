package dev.assent.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, as every hash of the ledger is written. */
final class Hashes {

	static final String GENESIS = "0".repeat(64);

	private Hashes() {
	}

	static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sha256(String content) {
		return HexFormat.of().formatHex(digest().digest(content.getBytes(StandardCharsets.UTF_8)));
	}

	static String sha256(byte[] content) {
		return HexFormat.of().formatHex(digest().digest(content));
	}

	/**
	 * The hash of a chain link, as the database computes it when the link is made:
	 * {@code sha256("<company>|<seq>|<previous link's hash>|<records digest>")}.
	 */
	static String link(String companyId, long seq, String prevSha256, String recordsSha256) {
		return sha256(companyId + "|" + seq + "|" + prevSha256 + "|" + recordsSha256);
	}

}
