package dev.assent.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Evidence to append: what {@link EvidenceRecord} holds before the ledger gives it an id and a hash. */
public record NewEvidence(UUID companyId, @Nullable UUID callId, @Nullable UUID memberId, String participant,
		String kind, String method, String decision, Map<String, Object> shown, Instant at) {
}
