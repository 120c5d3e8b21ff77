package dev.assent.notifications;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands emails over: to SMTP ({@link SmtpMailer}) or into the captured mailbox
 * ({@link CapturedMailer}). An email missing from the answer was handed over.
 */
interface Mailer {

	/** Sends the given emails (one connection for all); returns the ones that failed, by id. */
	Map<UUID, Failure> send(List<Email> emails);

	/** {@code SMTP} or {@code CAPTURED}. */
	String transport();

	/** Why an email was not handed over; {@code permanent} failures are not retried. */
	record Failure(String message, boolean permanent) {
	}

}
