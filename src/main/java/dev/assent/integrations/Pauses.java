package dev.assent.integrations;

import java.time.Duration;

/**
 * Waits between attempts of a provider request (after a 429's {@code Retry-After}, after a 5xx).
 * A bean, so tests see the waits instead of sleeping through them.
 */
public interface Pauses {

	void pause(Duration duration);

}
