package dev.assent.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The audio prompts admins choose from (PRODUCT A1): texts in {@code audio-prompts/prompts.properties},
 * audio files rendered from them beside it ({@code scripts/render-audio-prompts.sh}).
 */
@Component
public class AudioPrompts {

	private final List<AudioPrompt> prompts;

	AudioPrompts() {
		Properties p = new Properties();
		try (InputStream in = new ClassPathResource("audio-prompts/prompts.properties").getInputStream()) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<AudioPrompt> list = new ArrayList<>();
		for (String id : List.of("classic", "brief", "detailed")) {
			list.add(new AudioPrompt(id, p.getProperty(id + ".name"), p.getProperty(id + ".text"),
					"/assets/audio-prompts/" + id + ".wav"));
		}
		this.prompts = List.copyOf(list);
	}

	public List<AudioPrompt> all() {
		return prompts;
	}

	public Optional<AudioPrompt> find(String id) {
		return prompts.stream().filter(p -> p.id().equals(id)).findFirst();
	}

}
