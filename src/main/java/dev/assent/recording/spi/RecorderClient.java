package dev.assent.recording.spi;

import org.jspecify.annotations.Nullable;

/**
 * The recorder, behind one interface (PRODUCT D3): Assent's own Recorder API (API.md, also the
 * simulated recorder's) or Recall.ai's, each an adapter bean chosen by configuration. Commands
 * carry a stable idempotency key, so a retry of a command the recorder did receive is harmless.
 */
public interface RecorderClient {

	/**
	 * Orders a bot for a call. {@code order} is the Recorder API body ({@code callId, joinUrl,
	 * joinAt, plannedEnd, audioPrompt?}). Returns the bot id.
	 */
	String createBot(String order, String idempotencyKey);

	/**
	 * Stops a bot ({@code order}: {@code reason, keepRecordingUntil?}). {@code attempt} counts the
	 * earlier attempts of this command that failed (0 the first time): a recorder whose idempotency
	 * cache replays a refusal (Recall.ai answers a repeated key with the cached 4xx) needs a fresh key
	 * for a retry to be a new request.
	 */
	void stopBot(String botId, String order, String idempotencyKey, int attempt);

	/**
	 * Asks the recorder to delete one participant's part of a bot's recording ({@code order}:
	 * {@code participant, reason, withdrawnAt}; PRODUCT X2). {@code attempt} counts the earlier
	 * attempts, as for {@link #stopBot}: a retry is a new request to a recorder that caches answers by
	 * key. A recorder that cannot answers 501.
	 */
	default void deleteParticipant(String botId, String order, String idempotencyKey, int attempt) {
		throw new Failure(501, "this recorder takes no deletion requests");
	}

	/**
	 * Tells the recorder the purposes one participant refused (PRODUCT X4; {@code order}:
	 * {@code participant, refused, decidedAt, decisionId}): the bot may record them but must not
	 * transcribe them or use them for AI training, as refused. {@code attempt} as for
	 * {@link #stopBot}. A recorder that cannot answers 501.
	 */
	default void refusePurposes(String botId, String order, String idempotencyKey, int attempt) {
		throw new Failure(501, "this recorder takes no purpose refusals");
	}

	/** A command the recorder did not acknowledge: it stays pending and is retried. */
	class Failure extends RuntimeException {

		private final int status;

		private final @Nullable String retryAfter;

		public Failure(int status, String message) {
			this(status, message, null);
		}

		/** {@code retryAfter}: the answer's {@code Retry-After} header as it came, if any. */
		public Failure(int status, String message, @Nullable String retryAfter) {
			super(message);
			this.status = status;
			this.retryAfter = retryAfter;
		}

		public Failure(String message, Throwable cause) {
			super(message + ": " + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
			this.status = 0;
			this.retryAfter = null;
		}

		/** The {@code Retry-After} header of the answer (seconds or an HTTP date, unread), or null. */
		public @Nullable String retryAfter() {
			return retryAfter;
		}

		/** The HTTP status, 0 when no response came (timeout, connection refused). */
		public int status() {
			return status;
		}

		/** The recorder does not know the bot (or it is gone): there is nothing left to stop. */
		public boolean botGone() {
			return status == 404 || status == 410;
		}

		/**
		 * The recorder refused for good: asking again gets the same answer (a 4xx other than a
		 * timeout or a rate limit, or 501: it cannot do this at all).
		 */
		public boolean permanent() {
			return (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429 && !botGone())
					|| status == 501;
		}

	}

}
