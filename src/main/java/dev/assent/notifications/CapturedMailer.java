package dev.assent.notifications;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Without {@code SPRING_MAIL_HOST} nothing leaves the machine: an email handed over is kept in the
 * mailbox the admin UI shows (its row, marked sent and {@code CAPTURED}), as a developer's Mailpit
 * would. Addresses are still checked, so a bad one fails here as it would on a real server.
 */
class CapturedMailer implements Mailer {

	@Override
	public Map<UUID, Failure> send(List<Email> emails) {
		Map<UUID, Failure> failures = new java.util.HashMap<>();
		for (Email e : emails) {
			try {
				Addresses.recipient(e.recipient(), e.recipientName());
			}
			catch (Addresses.Invalid ex) {
				failures.put(e.id(), new Failure(ex.getMessage(), true));
			}
		}
		return failures;
	}

	@Override
	public String transport() {
		return "CAPTURED";
	}

}
