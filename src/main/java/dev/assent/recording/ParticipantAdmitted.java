package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The recorder saw a participant join a call (PRODUCT D8, X1), as Assent matched the join:
 * {@code pageParticipantId} is the consent-page participant it was matched to, {@code covered} whether
 * a decision (or being the owner, or a reconnect) covers it, {@code recording} whether the call was
 * being recorded when they joined, and {@code prompt} the audio prompt that was played, when one was.
 */
public record ParticipantAdmitted(String eventId, UUID callId, UUID companyId, @Nullable String botId,
		@Nullable String name, @Nullable String email, @Nullable String pageParticipantId, boolean covered,
		boolean recording, @Nullable AudioPromptPlayed prompt, Instant joinedAt) {

	/** How the ledger names this participant: the page's participant id, else the email, else the name. */
	public String participant() {
		if (pageParticipantId != null) {
			return pageParticipantId;
		}
		if (email != null) {
			return email;
		}
		return "joined:" + (name == null ? eventId : name);
	}

}
