package dev.assent.notifications;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One email: what it says, to whom, and how far its delivery has come. */
record Email(UUID id, UUID companyId, Reason reason, String recipient, String occurrence, @Nullable String recipientName,
		String language, String subject, String textBody, String htmlBody, @Nullable Instant notAfter,
		@Nullable UUID runId, Status status, int attempts, @Nullable String lastError, @Nullable String sentBy,
		@Nullable String transport, Instant createdAt, @Nullable Instant sentAt) {

	enum Status {

		/** Waiting to be handed to SMTP (or retried). */
		PENDING,

		/** Handed to SMTP, or captured. */
		SENT,

		/** Refused for good (invalid address, 5xx): kept and shown, never silently dropped. */
		FAILED,

		/** No longer wanted: the call was cancelled, moved or had started. */
		CANCELLED

	}

	/** The content of a new email, before it is stored. */
	record Draft(Reason reason, String recipient, String occurrence, @Nullable String recipientName, String language,
			Rendered content, @Nullable Instant notAfter, @Nullable UUID runId) {
	}

	/** Subject, plain text and HTML as the templates made them. */
	record Rendered(String subject, String text, String html) {
	}

}
