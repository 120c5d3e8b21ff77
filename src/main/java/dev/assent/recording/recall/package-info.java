/**
 * Recall.ai adapter (PRODUCT D3, D4, X2): bots through Recall.ai's bot API (create, leave call with a
 * fresh idempotency key per retry, retrieve, delete, delete media) and {@code /webhooks/recall},
 * verified with Recall.ai's Standard-Webhooks signature and mapped onto recorder events. Active
 * with {@code ASSENT_RECORDER_KIND=RECALL} and {@code ASSENT_RECORDER_URL} set.
 */
@ApplicationModule(displayName = "Recall.ai adapter")
@NullMarked
package dev.assent.recording.recall;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
