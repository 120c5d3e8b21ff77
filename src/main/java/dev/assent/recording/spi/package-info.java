/**
 * The recorder port (PRODUCT D3, D4, X2): what the recording module needs from a recorder — order a
 * bot, stop it (with the attempt, for recorders whose idempotency cache replays refusals), delete a
 * participant's part — and what it offers the adapters: the recorder events a verified webhook
 * becomes ({@link dev.assent.recording.spi.RecorderEvents}), Assent's shared secret and base URL
 * ({@link dev.assent.recording.spi.RecorderContext}), the {@code assent.recorder.*} settings. Each
 * recorder is an adapter in a nested module of {@code recording} ({@code recording.recorderapi},
 * {@code recording.recall}, {@code recording.simulator}), chosen by configuration; the core never
 * depends on an adapter.
 */
@NamedInterface("spi")
@NullMarked
package dev.assent.recording.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
