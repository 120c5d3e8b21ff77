/**
 * Outbound consent webhooks (PRODUCT J3): a company subscribes URLs to {@code consent.decided},
 * {@code consent.withdrawn}, {@code call.skipped} and {@code call.recorded}; each event is stored
 * in a durable outbox, signed as the Standard Webhooks specification describes and retried with
 * backoff until the receiver answers 2xx.
 */
@ApplicationModule(displayName = "Webhooks")
@NullMarked
package dev.assent.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
