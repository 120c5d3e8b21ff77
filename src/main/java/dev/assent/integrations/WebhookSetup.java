package dev.assent.integrations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The webhooks Assent set up at the provider for a connection (e.g. Webex's, registered on
 * connect): in place, or refused with the provider's reason and tried again later by
 * {@link WebhookSetupRetryJob} (or at once by a tech admin, or on the next connect).
 *
 * @param error the provider's refusal, when the last attempt failed
 * @param attempts failed attempts since the last success or connect
 * @param checkedAt when Assent last tried
 * @param nextAttemptAt when Assent tries again, after a failure
 */
public record WebhookSetup(State state, @Nullable String error, int attempts, @Nullable Instant checkedAt,
		@Nullable Instant nextAttemptAt) {

	public enum State {

		REGISTERED,

		/** The last attempt failed; see {@link WebhookSetup#error()}. */
		FAILED

	}

}
