package dev.assent.recording;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * Which audio prompt a session's bot plays (PRODUCT A1, X1): the one its RECORD order carried — the
 * recorder plays it as the recording starts — with the exact words and the SHA-256 of the audio file.
 */
@Component
class PlayedPrompts {

	private final Commands commands;

	private final Map<String, String> audioHashes = new ConcurrentHashMap<>();

	PlayedPrompts(Commands commands) {
		this.commands = commands;
	}

	/** The prompt the session's bot played when its recording started at {@code at}, if it had one. */
	Optional<AudioPromptPlayed> of(Session s, String botId, Instant at) {
		if (s.recordCommandId() == null) {
			return Optional.empty();
		}
		return commands.find(s.recordCommandId()).flatMap(c -> {
			JsonNode prompt = JSON.readTree(c.payload()).get("audioPrompt");
			if (prompt == null || !prompt.isObject() || prompt.get("id") == null || prompt.get("text") == null) {
				return Optional.empty();
			}
			String id = prompt.get("id").asString();
			return Optional.of(new AudioPromptPlayed(s.callId(), s.companyId(), botId, id, prompt.get("text").asString(),
					audioSha256(id), at));
		});
	}

	private String audioSha256(String promptId) {
		return audioHashes.computeIfAbsent(promptId, id -> {
			ClassPathResource wav = new ClassPathResource("audio-prompts/" + id + ".wav");
			if (!wav.exists()) {
				return "";
			}
			try (InputStream in = wav.getInputStream()) {
				return java.util.HexFormat.of()
					.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
			}
			catch (IOException | java.security.NoSuchAlgorithmException ex) {
				return "";
			}
		});
	}

}
