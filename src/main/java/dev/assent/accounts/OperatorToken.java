package dev.assent.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import dev.assent.shared.PlatformSettings;
import dev.assent.shared.Tokens;

/**
 * The platform operator's bearer token, which may create companies. Taken from
 * {@code ASSENT_OPERATOR_TOKEN}; without it one is generated at first start, printed once and
 * stored only as a hash.
 */
@Component
class OperatorToken implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(OperatorToken.class);

	private static final String SETTING = "operator-token-sha256";

	private final PlatformSettings settings;

	private final String configured;

	private volatile String hash = "";

	OperatorToken(PlatformSettings settings, @Value("${assent.operator-token:}") String configured) {
		this.settings = settings;
		this.configured = configured;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!configured.isBlank()) {
			if (configured.length() < 24) {
				throw new IllegalStateException("ASSENT_OPERATOR_TOKEN must be at least 24 characters");
			}
			settings.put(SETTING, Tokens.hash(configured));
		}
		else if (settings.get(SETTING).isEmpty()) {
			String token = Tokens.generate("aso");
			settings.getOrCreate(SETTING, () -> Tokens.hash(token));
			log.warn("""

					==========================================================================
					 Operator token (shown once; set ASSENT_OPERATOR_TOKEN to choose your own):
					   {}
					==========================================================================""", token);
		}
		hash = settings.get(SETTING).orElseThrow();
	}

	boolean matches(String token) {
		String current = hash;
		return !current.isEmpty() && Tokens.constantTimeEquals(current, Tokens.hash(token));
	}

}
