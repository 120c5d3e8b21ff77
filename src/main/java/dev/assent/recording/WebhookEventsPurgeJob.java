package dev.assent.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import dev.assent.recording.spi.RecorderSettings;

/**
 * Keeps processed webhook ids for two days: twice as long as a recorder event may arrive late
 * ({@link RecorderWebhookController#LATEST_DELIVERY}), so every replay within that window is
 * recognised by its id.
 */
@Component
class WebhookEventsPurgeJob {

	static final Duration KEPT = Duration.ofDays(2);

	private final WebhookEvents events;

	private final RecorderSettings settings;

	private final Clock clock;

	WebhookEventsPurgeJob(WebhookEvents events, RecorderSettings settings, Clock clock) {
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void purge() {
		Duration keep = KEPT.compareTo(settings.webhookTolerance().multipliedBy(2)) > 0 ? KEPT
				: settings.webhookTolerance().multipliedBy(2);
		events.purge(Instant.now(clock).minus(keep));
	}

}
