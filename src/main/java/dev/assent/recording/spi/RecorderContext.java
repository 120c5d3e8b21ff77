package dev.assent.recording.spi;

/**
 * What the recording module tells recorder adapters about Assent: the shared secret of
 * {@code X-Assent-Signature} (configured, or generated once and kept in the database) and Assent's
 * base URL, where webhooks and audio prompts are reached.
 */
public interface RecorderContext {

	String secret();

	/**
	 * Assent's base URL without a trailing slash: {@code assent.base-url}; without it (or while it
	 * names port 0) {@code http://localhost:<the port the server listens on>}.
	 */
	String baseUrl();

	/** Whether the web server already listens, so {@link #baseUrl()} names its real port. */
	boolean serverStarted();

}
