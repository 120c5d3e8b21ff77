package dev.assent.profiles.web;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.profiles.AudioPrompt;
import dev.assent.profiles.AudioPrompts;

@RestController
@Tag(name = "Audio prompts", description = "Prompts the recorder can play at the start of a call (A1)")
class AudioPromptController {

	private final AudioPrompts prompts;

	AudioPromptController(AudioPrompts prompts) {
		this.prompts = prompts;
	}

	record PromptList(List<AudioPrompt> items) {
	}

	@GetMapping("/api/v1/audio-prompts")
	@Operation(summary = "The audio prompts a profile can use, with their text and audio")
	PromptList list() {
		return new PromptList(prompts.all());
	}

	/** Public, so the recorder and the admin's browser can fetch the audio. */
	@GetMapping("/assets/audio-prompts/{id:[a-z0-9-]+}.wav")
	ResponseEntity<Resource> audio(@PathVariable String id) {
		return prompts.find(id)
			.map(p -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("audio/wav"))
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
				.<Resource>body(new ClassPathResource("audio-prompts/" + p.id() + ".wav")))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
