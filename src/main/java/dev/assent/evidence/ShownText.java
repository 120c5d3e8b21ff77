package dev.assent.evidence;

/**
 * The exact text a participant was shown or played: a notice ({@code text/html}) or an audio
 * prompt's words ({@code text/plain}, with the audio file's hash in the evidence). Its SHA-256 is
 * taken over the UTF-8 bytes of {@code content}.
 */
public record ShownText(String mediaType, String content) {

	public String sha256() {
		return Hashes.sha256(content);
	}

}
