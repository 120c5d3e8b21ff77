/**
 * Recording sessions: the commands Assent sends the recorder (record, stop) through a durable
 * outbox, the 70 % rule for late opt-outs, the enforced consent page, the recorder's webhooks, the
 * simulated recorder of the embedded run and the skipped calls members see (PRODUCT D3–D8, A1).
 */
@ApplicationModule(displayName = "Recording", allowedDependencies = { "calls", "consentpage", "profiles", "accounts" })
@NullMarked
package dev.assent.recording;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
