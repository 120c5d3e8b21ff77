package dev.assent.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Evidence to append: what {@link EvidenceRecord} holds before the ledger gives it an id, a hash and
 * its place in the company's chain.
 *
 * @param text the exact notice text or audio prompt shown, kept once per content hash; {@code null}
 * when nothing was shown (a recording stopped, say)
 */
public record NewEvidence(UUID companyId, @Nullable UUID callId, @Nullable UUID memberId, String participant,
		String kind, String method, String decision, Map<String, Object> shown, Instant at,
		@Nullable ShownText text) {

	public NewEvidence(UUID companyId, @Nullable UUID callId, @Nullable UUID memberId, String participant, String kind,
			String method, String decision, Map<String, Object> shown, Instant at) {
		this(companyId, callId, memberId, participant, kind, method, decision, shown, at, null);
	}

}
