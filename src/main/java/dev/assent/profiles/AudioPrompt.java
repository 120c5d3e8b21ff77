package dev.assent.profiles;

/**
 * A prompt the recorder plays at the start of a call, giving implicit consent (PRODUCT A1).
 *
 * @param audioPath where the audio is served, relative to Assent's base URL
 */
public record AudioPrompt(String id, String name, String text, String audioPath) {
}
