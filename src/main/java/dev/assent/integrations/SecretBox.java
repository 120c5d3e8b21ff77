package dev.assent.integrations;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

import dev.assent.shared.PlatformSettings;

/**
 * Encrypts provider credentials at rest: AES-256-GCM with a key derived (PBKDF2) from
 * {@code assent.integrations.secret-key}, through Spring Security Crypto
 * ({@link Encryptors#delux}); each value gets its own random nonce.
 */
@Component
class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	private final TextEncryptor encryptor;

	SecretBox(IntegrationSettings settings, PlatformSettings platform) {
		SecureRandom random = new SecureRandom();
		String key = settings.secretKey();
		if (key == null || key.isBlank()) {
			key = platform.getOrCreate("integrations.secret-key", () -> HexFormat.of().formatHex(random.generateSeed(32)));
			log.info("Provider credentials are encrypted with a key kept in the database; set ASSENT_INTEGRATIONS_SECRET_KEY "
					+ "to keep the key outside it");
		}
		String salt = platform.getOrCreate("integrations.secret-salt", () -> HexFormat.of().formatHex(random.generateSeed(16)));
		this.encryptor = Encryptors.delux(key, salt);
	}

	String seal(String plain) {
		return encryptor.encrypt(plain);
	}

	String open(String sealed) {
		return encryptor.decrypt(sealed);
	}

}
