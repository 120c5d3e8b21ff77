/**
 * The evidence trail: listens to what the recording and the calls report — recording started and
 * stopped, the audio prompt played, participants joining — and writes it, per person, into the
 * consent ledger (PRODUCT X1). A module of its own because the ledger is below the consent page,
 * which the recording depends on: listening from the evidence module itself would close a cycle.
 */
@ApplicationModule(displayName = "Evidence trail", allowedDependencies = { "evidence", "recording", "calls" })
@NullMarked
package dev.assent.evidencetrail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
