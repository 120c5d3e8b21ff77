package dev.assent.profiles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a recording may be used for (PRODUCT X4). The recording itself is always the page's main
 * choice; a profile may ask separately for the further purposes, each an optional checkbox that
 * is off until the participant ticks it (GDPR recital 32: no pre-ticked boxes).
 */
public enum Purpose {

	RECORDING("recording"),

	TRANSCRIPTION("transcription"),

	AI_TRAINING("aiTraining");

	private final String key;

	Purpose(String key) {
		this.key = key;
	}

	/** The member name of the purpose in evidence ({@code purposes.transcription}). */
	public String key() {
		return key;
	}

	/** Whether a profile may ask for it separately (the recording is always asked: the main choice). */
	public boolean separate() {
		return this != RECORDING;
	}

	/** The purpose of that name (case-insensitive), empty for an unknown one. */
	public static Optional<Purpose> parse(String name) {
		String n = name.strip().toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter(p -> p.name().equals(n)).findFirst();
	}

}
