package dev.assent.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How emails go out ({@code assent.notifications.*}). SMTP itself is Spring Mail's
 * {@code spring.mail.*} ({@code SPRING_MAIL_HOST}); without a host, mail is captured.
 *
 * @param from the sender address of every email
 * @param fromName the sender's display name
 * @param pollEvery how often each node looks for due emails and due pre-call schedules
 * @param batch how many emails a sender claims at once (sent over one SMTP connection)
 * @param senders how many batches a node sends at once
 * @param preCallWorkers how many calls' pre-call emails a node makes at once
 * @param lease how long a node owns emails it claimed (longer than SMTP's timeouts)
 * @param retryInitial,retryMax exponential backoff of failed sends (never given up)
 */
@ConfigurationProperties("assent.notifications")
record NotificationSettings(@DefaultValue("assent@localhost") String from, @DefaultValue("Assent") String fromName,
		@DefaultValue("500ms") Duration pollEvery, @DefaultValue("50") int batch, @DefaultValue("4") int senders,
		@DefaultValue("4") int preCallWorkers, @DefaultValue("60s") Duration lease,
		@DefaultValue("1s") Duration retryInitial, @DefaultValue("5m") Duration retryMax) {

	/** 1 s, 2 s, 4 s, … up to {@code retryMax}. */
	Duration backoff(int attempt) {
		long delay = retryInitial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
		return Duration.ofMillis(Math.min(delay, retryMax.toMillis()));
	}

}
