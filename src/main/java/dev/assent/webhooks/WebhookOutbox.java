package dev.assent.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.assent.shared.InvalidInput;

/**
 * Sends queued webhooks: every node polls for due deliveries (claimed with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so one node sends each), signs and POSTs them; a 2xx marks the delivery
 * delivered, anything else (or no answer) schedules a retry with exponential backoff, until
 * {@code max-attempts}. Redirects are not followed; the target is checked again before each send.
 */
@Component
class WebhookOutbox {

	private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

	private final Webhooks webhooks;

	private final WebhookManagement management;

	private final Clock clock;

	private final HttpClient http;

	private final Duration retryBase;

	private final Duration retryMax;

	private final int maxAttempts;

	WebhookOutbox(Webhooks webhooks, WebhookManagement management, Clock clock, WebhookSettings settings) {
		this.webhooks = webhooks;
		this.management = management;
		this.clock = clock;
		this.retryBase = settings.retryBase();
		this.retryMax = settings.retryMax();
		this.maxAttempts = settings.maxAttempts();
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Scheduled(fixedDelayString = "${assent.webhooks.poll-every:500ms}", initialDelayString = "${assent.webhooks.poll-every:500ms}")
	void poll() {
		try {
			for (Webhooks.Due due : webhooks.claimDue(20, 30)) {
				send(due);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Webhook poll failed: {}", ex.toString());
		}
	}

	void send(Webhooks.Due due) {
		long timestamp = Instant.now(clock).getEpochSecond();
		Integer status = null;
		String error;
		try {
			URI target = management.targets().require(due.url());
			HttpRequest request = HttpRequest.newBuilder(target)
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.header("User-Agent", "Assent-Webhooks")
				.header("webhook-id", due.id())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", WebhookSignatures.sign(due.secret(), due.id(), timestamp, due.payload()))
				.POST(HttpRequest.BodyPublishers.ofString(due.payload()))
				.build();
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			if (status >= 200 && status < 300) {
				webhooks.delivered(due.id(), status, Instant.now(clock));
				return;
			}
			error = "answered " + status;
		}
		catch (InvalidInput ex) {
			error = "target refused: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (Exception ex) {
			error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		}
		int attempt = due.attempts() + 1;
		webhooks.failed(due.id(), status, error, backoff(attempt).toMillis(), attempt >= maxAttempts);
	}

	/** base × 2^(attempt − 1), at most {@code retry-max}. */
	Duration backoff(int attempt) {
		Duration next = retryBase.multipliedBy(1L << Math.min(attempt - 1, 30));
		return next.compareTo(retryMax) > 0 ? retryMax : next;
	}

}
