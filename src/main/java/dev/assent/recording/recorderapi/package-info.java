/**
 * Adapter of Assent's own Recorder API (API.md): {@code POST /bots}, {@code /bots/{id}/stop},
 * {@code /bots/{id}/deletions}, signed with {@code X-Assent-Signature}. Active with
 * {@code ASSENT_RECORDER_URL} set and {@code ASSENT_RECORDER_KIND} {@code ASSENT} (the default);
 * the recorder's webhooks arrive at the recording module's {@code /webhooks/recorder}.
 */
@ApplicationModule(displayName = "Recorder API adapter")
@NullMarked
package dev.assent.recording.recorderapi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
