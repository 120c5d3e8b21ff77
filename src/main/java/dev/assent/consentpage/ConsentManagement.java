package dev.assent.consentpage;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.evidence.EvidenceLedger;

/**
 * Participant decisions (PRODUCT C3, C4, C10). One short transaction stores the decision, its
 * evidence and the event that tells the recorder, or nothing at all.
 */
@Service
public class ConsentManagement {

	private final Decisions decisions;

	private final EvidenceLedger evidence;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConsentManagement(Decisions decisions, EvidenceLedger evidence, ApplicationEventPublisher events, Clock clock) {
		this.decisions = decisions;
		this.evidence = evidence;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a decision taken on a page view. The same choice sent again from the same page view
	 * (a double click, a retried request) stores nothing and answers empty.
	 */
	@Transactional
	Optional<Decision> decide(PageView view, String language, String noticeSha256, Choice choice, String participantId,
			String viewKey, @Nullable UUID callId) {
		Instant now = Instant.now(clock);
		Decision d = new Decision(UUID.randomUUID(), view.companyId(), view.memberId(), callId, participantId, choice,
				choice.outcome(), noticeSha256, language, view.choices(), view.profileId(), view.profileVersion(),
				view.provider().name(), view.joinUrl() == null ? "" : view.joinUrl(), now);
		if (!decisions.insert(d, viewKey)) {
			return Optional.empty();
		}
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("noticeSha256", noticeSha256);
		shown.put("language", language);
		shown.put("choicesOffered", view.choices().stream().map(Enum::name).toList());
		shown.put("profileId", view.profileId().toString());
		shown.put("profileVersion", view.profileVersion());
		shown.put("provider", view.provider().name());
		shown.put("decisionId", d.id().toString());
		evidence.append(d.companyId(), callId, d.memberId(), participantId, "CONSENT_DECISION", "PAGE",
				d.outcome().name(), shown, now);
		if (d.outcome() == Outcome.OPTED_OUT) {
			events.publishEvent(new ConsentDeclined(d.id(), d.companyId(), d.memberId(), callId, participantId, now));
		}
		else {
			events.publishEvent(new ConsentGranted(d.id(), d.companyId(), d.memberId(), callId, participantId,
					d.outcome(), now));
		}
		return Optional.of(d);
	}

	/** A member's page decisions, newest first. */
	public List<Decision> decisionsForMember(UUID companyId, UUID memberId, int limit) {
		return decisions.forMember(companyId, memberId, Math.min(Math.max(limit, 1), 1000));
	}

	/** The company's latest decisions, newest first. */
	public List<Decision> recentDecisions(UUID companyId, int limit) {
		return decisions.recent(companyId, Math.min(Math.max(limit, 1), 1000));
	}

	/** Every decision taken for one call occurrence (PRODUCT C7), newest first. */
	public List<Decision> decisionsForCall(UUID companyId, UUID callId) {
		return decisions.forCall(companyId, callId);
	}

	/**
	 * The decision that governs for a participant and occurrence: the latest one (PRODUCT C10).
	 * Earlier ones stay in the record.
	 */
	public Optional<Decision> governingDecision(UUID companyId, UUID memberId, @Nullable UUID callId,
			String participantId) {
		return decisions.ofParticipant(companyId, memberId, callId, participantId).stream().findFirst();
	}

}
