package dev.assent.consentpage;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A participant withdrew an earlier decision (PRODUCT X2, GDPR Art. 7(3)). During the call the
 * recording stops as for an opt-out (a {@link ConsentsDeclined} is published with it); after the
 * call the participant's part is to be deleted.
 *
 * @param withdrawnDecisionId the decision that governed until now; {@code null} when the participant had not
 * decided on the page (a personal link of the pre-call email, say)
 * @param channel how it was withdrawn: {@code PAGE} (the consent page) or {@code LINK} (the personal link)
 */
public record ConsentWithdrawn(UUID decisionId, UUID companyId, UUID memberId, @Nullable UUID callId,
		String participantId, @Nullable UUID withdrawnDecisionId, String channel, Instant occurredAt) {
}
