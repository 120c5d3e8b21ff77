package dev.assent.notifications;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** An email of the mailbox without its bodies: what lists show (the admin mailbox, {@code GET /api/v1/emails}). */
@Schema(description = "An email without its bodies")
record EmailSummary(UUID id, Reason reason,
		@Schema(example = "dana@acme.example") String recipient, @Nullable String recipientName,
		@Schema(example = "en") String language, @Schema(example = "Your consent link at Acme Corp") String subject,
		Email.Status status, @Schema(description = "delivery attempts so far") int attempts,
		@Schema(description = "why the last attempt failed, or why the email was cancelled") @Nullable String lastError,
		@Schema(description = "SMTP, or CAPTURED when no SMTP server is set (the mailbox)") @Nullable String transport,
		@Schema(description = "the Send email now run the email belongs to") @Nullable UUID runId, Instant createdAt,
		@Nullable Instant sentAt) {
}
