package dev.assent.consentpage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.Purpose;

/**
 * Participants agreed to be recorded but refused purposes the page asked for separately
 * (PRODUCT X4: transcription, AI training): the recorder must be told. The refusals stored
 * together in one transaction, one event.
 */
public record PurposesRefused(List<Refusal> refusals) {

	public PurposesRefused {
		refusals = List.copyOf(refusals);
	}

	/** One participant's decision and the purposes it refused. */
	public record Refusal(UUID decisionId, UUID companyId, UUID memberId, @Nullable UUID callId, String participantId,
			List<Purpose> refused, Instant occurredAt) {

		public Refusal {
			refused = List.copyOf(refused);
		}

	}

}
