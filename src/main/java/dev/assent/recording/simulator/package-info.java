/**
 * The simulated recorder of the embedded run (PRODUCT D3): a fake recorder in-process, reached over
 * real HTTP at {@code /simulator/recorder} like a real one (Recorder API of API.md), whose bots
 * join, record, stop and report back with signed webhooks on a clock-driven tick, and the adapter
 * that sends Assent's commands to it. Active without {@code ASSENT_RECORDER_URL}.
 */
@ApplicationModule(displayName = "Simulated recorder")
@NullMarked
package dev.assent.recording.simulator;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
