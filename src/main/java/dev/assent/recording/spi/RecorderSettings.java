package dev.assent.recording.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Assent reaches the recorder ({@code assent.recorder.*}): read by the core (the outbox's
 * retries, leases, alerts, the webhooks' tolerance) and by the adapters (where the recorder is, its
 * keys and timeouts). {@code url} and {@code kind} choose the adapter: no URL, the simulated
 * recorder; {@code RECALL} with a URL, Recall.ai; else Assent's own Recorder API.
 *
 * @param url the recorder's base URL ({@code ASSENT_RECORDER_URL}); empty: the simulated recorder
 * in-process, reached over HTTP at {@code {base-url}/simulator/recorder}
 * @param secret the shared secret of {@code X-Assent-Signature} ({@code ASSENT_RECORDER_SECRET});
 * empty: one is generated once and kept in the database
 * @param kind which recorder API: Assent's own (API.md) or Recall.ai's
 * @param apiKey the recorder's API key ({@code Authorization: Token …} for Recall.ai, {@code Bearer …} otherwise)
 * @param webhookSecret Recall.ai's workspace verification secret ({@code whsec_…})
 * @param connectTimeout,readTimeout per command; a command that times out is retried
 * @param retryInitial,retryMax exponential backoff of failed commands
 * @param lease how long a node owns a command it is sending (longer than connect + read timeout)
 * @param alertAfter attempts after which {@code RecorderCommandFailed} is published (once)
 * @param webhookTolerance clock skew allowed for webhook times: a signed delivery time (Recall.ai) further from
 *        now, or a recorder event's {@code at} further ahead, is rejected as a replay
 * @param pollEvery how often due commands are looked for
 * @param pollBudget how long one look may go on sending while it finds full batches of due commands (the backlog
 *        of a recorder outage goes out at the recorder's pace, not 16 commands per {@code poll-every}); the next
 *        look takes the rest
 * @param simulatorTick how often the simulated recorder moves its bots on
 * @param optOutHandlers opt-outs left to after their decisions' commit (ADR 0010): of different calls, how many are
 *        handled at once
 * @param optOutLockWait how long acting on opt-outs with their decisions waits for a call's session before leaving
 *        them to after the commit
 */
@ConfigurationProperties("assent.recorder")
public record RecorderSettings(@Nullable String url, @Nullable String secret, @DefaultValue("ASSENT") Kind kind,
		@Nullable String apiKey, @Nullable String webhookSecret, @DefaultValue("Assent Notetaker") String botName,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout,
		@DefaultValue("200ms") Duration retryInitial, @DefaultValue("30s") Duration retryMax,
		@DefaultValue("10s") Duration lease, @DefaultValue("5") int alertAfter,
		@DefaultValue("10m") Duration webhookTolerance, @DefaultValue("200ms") Duration pollEvery,
		@DefaultValue("2s") Duration pollBudget, @DefaultValue("1s") Duration simulatorTick,
		@DefaultValue("8") int optOutHandlers, @DefaultValue("200ms") Duration optOutLockWait) {

	public enum Kind {

		/** The Recorder API of API.md (also the simulated recorder's). */
		ASSENT,

		/** Recall.ai's bot API. */
		RECALL

	}

	/** The recorder's base URL without a trailing slash; empty for the simulated recorder. */
	public String recorderUrl() {
		String u = url == null ? "" : url.strip();
		return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
	}

	/** No recorder URL: the simulated recorder in-process. */
	public boolean simulated() {
		return url == null || url.isBlank();
	}

}
