package dev.assent.consentpage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.evidence.EvidenceLedger;
import dev.assent.evidence.NewEvidence;
import dev.assent.evidence.ShownText;
import dev.assent.profiles.Purpose;
import dev.assent.shared.AtCommit;
import dev.assent.shared.Ids;
import dev.assent.shared.Keyset;

/**
 * Participant decisions (PRODUCT C3, C4, C7, C10). One short transaction stores decisions, their
 * evidence and the events that tell the recorder, or nothing at all; {@link DecisionWriter} hands it
 * the decisions that arrive together.
 */
@Service
public class ConsentManagement {

	private final Decisions decisions;

	private final EvidenceLedger evidence;

	private final ApplicationEventPublisher events;

	private final CallManagement calls;

	private final Clock clock;

	private final AtCommit atCommit;

	ConsentManagement(Decisions decisions, EvidenceLedger evidence, ApplicationEventPublisher events,
			CallManagement calls, Clock clock, AtCommit atCommit) {
		this.decisions = decisions;
		this.evidence = evidence;
		this.events = events;
		this.calls = calls;
		this.clock = clock;
		this.atCommit = atCommit;
	}

	/**
	 * A decision a participant took on a page view, as the page showed it, not yet stored.
	 * {@code noticeHtml} is the exact notice shown (kept in the ledger by its hash, PRODUCT X1).
	 */
	record Taken(PageView view, String language, String noticeSha256, Choice choice, String participantId,
			String viewKey, @Nullable String noticeHtml, List<Purpose> purposesRefused) {

		Taken(PageView view, String language, String noticeSha256, Choice choice, String participantId,
				String viewKey) {
			this(view, language, noticeSha256, choice, participantId, viewKey, null, List.of());
		}

	}

	/**
	 * Records decisions taken on page views, in one transaction: each belongs to its link's
	 * occurrence ({@link #occurrences}, PRODUCT C7) and is stored with its evidence and its event, or nothing is. The
	 * same choice sent again from the same page view (a double click, a retried request) stores
	 * nothing; its answer is empty. Answers in the order given.
	 */
	@Transactional
	List<Optional<Decision>> decideAll(List<Taken> taken) {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		List<UUID> callOfTaken = occurrences(taken, now);
		List<Decision> candidates = new ArrayList<>(taken.size());
		for (int i = 0; i < taken.size(); i++) {
			Taken t = taken.get(i);
			PageView view = t.view();
			candidates.add(new Decision(Ids.timeOrdered(now), view.companyId(), view.memberId(), callOfTaken.get(i),
					t.participantId(), t.choice(), t.choice().outcome(), t.noticeSha256(), t.language(), view.choices(),
					view.profileId(), view.profileVersion(), view.provider().name(),
					view.joinUrl() == null ? "" : view.joinUrl(), now, t.purposesRefused()));
		}
		// The commit does not wait for the disk, so that the company's chain head, locked by the evidence
		// append below, is free for the next batch as soon as this one commits, not after its disk write;
		// the caller waits for the disk itself ({@link #awaitDisk}) before anyone is answered. Set with the
		// insert, before the statements that follow it (generic plans, Commits.hotPathWithoutWaitingForDisk).
		Set<UUID> stored = decisions.insertAllOnTheHotPath(candidates, taken.stream().map(Taken::viewKey).toList());
		List<Optional<Decision>> answers = new ArrayList<>(taken.size());
		List<NewEvidence> proof = new ArrayList<>(stored.size());
		for (int i = 0; i < candidates.size(); i++) {
			Decision d = candidates.get(i);
			String noticeHtml = taken.get(i).noticeHtml();
			if (!stored.contains(d.id())) {
				answers.add(Optional.empty());
				continue;
			}
			answers.add(Optional.of(d));
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("noticeSha256", d.noticeSha256());
			shown.put("language", d.language());
			shown.put("choicesOffered", d.choicesOffered().stream().map(Enum::name).toList());
			shown.put("profileId", d.profileId().toString());
			shown.put("profileVersion", d.profileVersion());
			shown.put("provider", d.provider());
			shown.put("decisionId", d.id().toString());
			purposes(shown, taken.get(i).view(), d);
			proof.add(new NewEvidence(d.companyId(), d.callId(), d.memberId(), d.participantId(), "CONSENT_DECISION",
					"PAGE", d.outcome().name(), shown, now,
					noticeHtml == null ? null : new ShownText("text/html", noticeHtml)));
		}
		publish(answers);
		// Sent at the commit, with the transaction's other statements at commit (one round trip): appending takes
		// the company's chain head (a row lock held until the commit), which every other writer of the company's
		// evidence waits for.
		evidence.appendAllAtCommit(proof);
		// The commit goes with them when nothing follows (one round trip less for the single writer).
		atCommit.statements().commitWithThem();
		return answers;
	}

	/**
	 * Returns once everything this node committed so far is on disk — the decisions of
	 * {@link #decideAll}, committed without waiting for it (issue 7): a transaction of its own that
	 * waits for the disk, whose commit is written after theirs ({@code writer}: the caller's
	 * own row to write, see {@link Decisions#awaitDisk}). Throws when that cannot be known (the
	 * database is gone): then nobody may be told their decision is stored.
	 */
	void awaitDisk(UUID writer) {
		decisions.awaitDisk(writer);
	}

	/** The decision writers' disk waiter stopped ({@link #awaitDisk}). */
	void writerStopped(UUID writer) {
		decisions.forgetDiskMark(writer);
	}

	/**
	 * What a page decision covers, in its evidence: with purposes asked separately (PRODUCT X4), each
	 * purpose's answer and the ones refused; and the lawful basis the profile relies on, with the
	 * reference of its legitimate-interests assessment (data/jurisdictions.md checklist).
	 */
	private static void purposes(Map<String, Object> shown, PageView view, Decision d) {
		if (!view.purposes().isEmpty()) {
			Map<String, Object> answers = new LinkedHashMap<>();
			answers.put(Purpose.RECORDING.key(), d.outcome().name());
			for (Purpose p : view.purposes()) {
				answers.put(p.key(), d.purposesRefused().contains(p) ? "REFUSED" : "CONSENTED");
			}
			shown.put("purposes", answers);
			shown.put("purposesRefused", d.purposesRefused().stream().map(Enum::name).toList());
		}
		lawfulBasis(shown, view);
	}

	/** The profile's lawful basis, and under legitimate interests its assessment's reference. */
	private static void lawfulBasis(Map<String, Object> shown, PageView view) {
		shown.put("lawfulBasis", view.lawfulBasis().name());
		if (view.legitimateInterestsAssessment() != null) {
			shown.put("legitimateInterestsAssessment", view.legitimateInterestsAssessment());
		}
	}

	/**
	 * The occurrence each decision is for ({@link dev.assent.calls.OccurrenceRule}, PRODUCT C7): of
	 * its meeting when taken on a meeting's own link, else of the calls held in the member's
	 * personal room (the room its 303 leads to); null when none. One query per company and link kind.
	 */
	private List<UUID> occurrences(List<Taken> taken, Instant now) {
		Map<UUID, Set<UUID>> meetingsByCompany = new HashMap<>();
		Map<UUID, Set<String>> roomsByCompany = new HashMap<>();
		for (Taken t : taken) {
			PageView v = t.view();
			if (v.meetingId() != null) {
				meetingsByCompany.computeIfAbsent(v.companyId(), k -> new HashSet<>()).add(v.meetingId());
			}
			else if (v.joinUrl() != null) {
				roomsByCompany.computeIfAbsent(v.companyId(), k -> new HashSet<>()).add(v.joinUrl());
			}
		}
		Map<UUID, Map<UUID, Call>> ofMeetings = new HashMap<>();
		meetingsByCompany.forEach((company, ids) -> ofMeetings.put(company, calls.occurrencesOfMeetings(company, ids, now)));
		Map<UUID, Map<String, Call>> inRooms = new HashMap<>();
		roomsByCompany.forEach((company, urls) -> inRooms.put(company, calls.occurrencesInRooms(company, urls, now)));
		List<UUID> out = new ArrayList<>(taken.size());
		for (Taken t : taken) {
			PageView v = t.view();
			Call call = v.meetingId() != null
					? ofMeetings.getOrDefault(v.companyId(), Map.of()).get(v.meetingId())
					: v.joinUrl() == null ? null : inRooms.getOrDefault(v.companyId(), Map.of()).get(v.joinUrl());
			out.add(call == null ? null : call.id());
		}
		return out;
	}

	/** One event for the opt-outs and one for the consents stored together (one event row each per listener). */
	private void publish(List<Optional<Decision>> stored) {
		List<ConsentDeclined> declined = new ArrayList<>();
		List<ConsentGranted> granted = new ArrayList<>();
		List<PurposesRefused.Refusal> refusals = new ArrayList<>();
		for (Optional<Decision> answer : stored) {
			if (answer.isEmpty()) {
				continue;
			}
			Decision d = answer.get();
			if (!d.outcome().refuses() && !d.purposesRefused().isEmpty()) {
				refusals.add(new PurposesRefused.Refusal(d.id(), d.companyId(), d.memberId(), d.callId(), d.participantId(),
						d.purposesRefused(), d.decidedAt()));
			}
			if (d.outcome().refuses()) {
				declined.add(new ConsentDeclined(d.id(), d.companyId(), d.memberId(), d.callId(), d.participantId(),
						d.decidedAt()));
			}
			else {
				granted.add(new ConsentGranted(d.id(), d.companyId(), d.memberId(), d.callId(), d.participantId(),
						d.outcome(), d.decidedAt()));
			}
		}
		if (!declined.isEmpty()) {
			events.publishEvent(new ConsentsDeclined(declined));
		}
		if (!granted.isEmpty()) {
			events.publishEvent(new ConsentsGranted(granted));
		}
		if (!refusals.isEmpty()) {
			events.publishEvent(new PurposesRefused(refusals));
		}
	}

	/**
	 * Stores a withdrawal (PRODUCT X2) in the caller's transaction with its evidence, then publishes
	 * it twice: as a {@link ConsentDeclined}, so a recording under way stops as for an opt-out (D4),
	 * and as {@link ConsentWithdrawn}, so a finished recording has the participant's part deleted.
	 * Withdrawing the same decision again stores nothing ({@code key} is its idempotency key).
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	Optional<Decision> storeWithdrawal(Decision w, @Nullable UUID withdrawnDecisionId, String key, String channel,
			@Nullable String noticeHtml) {
		if (decisions.insertAll(List.of(w), List.of("withdraw:" + key)).isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("noticeSha256", w.noticeSha256());
		shown.put("language", w.language());
		shown.put("choicesOffered", w.choicesOffered().stream().map(Enum::name).toList());
		shown.put("profileId", w.profileId().toString());
		shown.put("profileVersion", w.profileVersion());
		shown.put("provider", w.provider());
		shown.put("decisionId", w.id().toString());
		if (withdrawnDecisionId != null) {
			shown.put("withdraws", withdrawnDecisionId.toString());
		}
		shown.put("channel", channel);
		evidence.appendAll(List.of(new NewEvidence(w.companyId(), w.callId(), w.memberId(), w.participantId(),
				"CONSENT_WITHDRAWN", channel, Outcome.WITHDRAWN.name(), shown, w.decidedAt(),
				noticeHtml == null ? null : new ShownText("text/html", noticeHtml))));
		events.publishEvent(new ConsentsDeclined(List.of(new ConsentDeclined(w.id(), w.companyId(), w.memberId(),
				w.callId(), w.participantId(), w.decidedAt()))));
		events.publishEvent(new ConsentWithdrawn(w.id(), w.companyId(), w.memberId(), w.callId(), w.participantId(),
				withdrawnDecisionId, channel, w.decidedAt()));
		return Optional.of(w);
	}

	/**
	 * Stores "shown" evidence of pages served ({@link ShownLog}, PRODUCT X1) in one transaction: one
	 * record per page view, with the hash and text of the notice shown, in one link per company.
	 */
	@Transactional
	void recordShown(List<ShownLog.Shown> served) {
		if (served.isEmpty()) {
			return;
		}
		// A page served is not a promise (ShownLog): its evidence does not wait for the disk, and so
		// holds the company's chain head only as long as the statement takes; the next decision's
		// commit, which waits, makes it durable too.
		decisions.commitWithoutWaitingForDisk();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Map<UUID, Set<UUID>> meetings = new HashMap<>();
		Map<UUID, Set<String>> rooms = new HashMap<>();
		for (ShownLog.Shown s : served) {
			PageView v = s.view();
			if (v.meetingId() != null) {
				meetings.computeIfAbsent(v.companyId(), k -> new HashSet<>()).add(v.meetingId());
			}
			else if (v.joinUrl() != null) {
				rooms.computeIfAbsent(v.companyId(), k -> new HashSet<>()).add(v.joinUrl());
			}
		}
		Map<UUID, Map<UUID, Call>> ofMeetings = new HashMap<>();
		meetings.forEach((company, ids) -> ofMeetings.put(company, calls.occurrencesOfMeetings(company, ids, now)));
		Map<UUID, Map<String, Call>> inRooms = new HashMap<>();
		rooms.forEach((company, urls) -> inRooms.put(company, calls.occurrencesInRooms(company, urls, now)));
		List<NewEvidence> proof = new ArrayList<>(served.size());
		for (ShownLog.Shown s : served) {
			PageView v = s.view();
			Call call = v.meetingId() != null
					? ofMeetings.getOrDefault(v.companyId(), Map.of()).get(v.meetingId())
					: v.joinUrl() == null ? null : inRooms.getOrDefault(v.companyId(), Map.of()).get(v.joinUrl());
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("noticeSha256", s.noticeSha256());
			shown.put("language", s.language());
			shown.put("choicesOffered", v.choices().stream().map(Enum::name).toList());
			shown.put("profileId", v.profileId().toString());
			shown.put("profileVersion", v.profileVersion());
			shown.put("provider", v.provider().name());
			shown.put("viewKey", s.viewKey());
			if (v.policyUrl() != null) {
				shown.put("policyUrl", v.policyUrl());
			}
			lawfulBasis(shown, v);
			if (s.userAgent() != null) {
				shown.put("userAgent", s.userAgent());
			}
			if (s.clientAddress() != null) {
				shown.put("clientPseudonym", s.clientAddress());
			}
			proof.add(new NewEvidence(v.companyId(), call == null ? null : call.id(), v.memberId(), s.participantId(),
					"NOTICE_SHOWN", "PAGE", "SHOWN", shown, s.at().truncatedTo(ChronoUnit.MICROS),
					new ShownText("text/html", s.noticeHtml())));
		}
		evidence.appendAll(proof);
	}

	/**
	 * A dial-in participant's answer on the keypad after the audio prompt (PRODUCT X5), as the
	 * recorder reported it: who ({@code participantId}, {@code tel:<number>}), the key, the prompt
	 * played (its id, words and audio hash; absent when none was), the recorder's event id.
	 */
	public record KeypadDecision(UUID companyId, UUID memberId, UUID callId, String participantId, Choice choice,
			String digit, UUID profileId, int profileVersion, String provider, String joinUrl,
			@Nullable String promptId, @Nullable String promptText, @Nullable String audioSha256, String eventId,
			Instant at) {
	}

	/**
	 * Stores a keypad decision like any other (PRODUCT X5): the decision, its evidence (method
	 * {@code KEYPAD}) and its event — a decline stops the recording through the opt-out path (D4).
	 * The same recorder event again stores nothing.
	 */
	@Transactional
	public Optional<Decision> decideOnKeypad(KeypadDecision k) {
		Instant at = k.at().truncatedTo(ChronoUnit.MICROS);
		ShownText prompt = k.promptText() == null ? null : new ShownText("text/plain", k.promptText());
		Decision d = new Decision(Ids.timeOrdered(at), k.companyId(), k.memberId(), k.callId(), k.participantId(),
				k.choice(), k.choice().outcome(), prompt == null ? "" : prompt.sha256(), "en",
				List.of(Choice.RECORD, Choice.DONT_RECORD), k.profileId(), k.profileVersion(), k.provider(), k.joinUrl(),
				at);
		if (decisions.insertAll(List.of(d), List.of("keypad:" + k.eventId())).isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("noticeSha256", d.noticeSha256());
		shown.put("language", d.language());
		shown.put("choicesOffered", List.of("KEY_1_CONSENT", "KEY_2_DECLINE"));
		shown.put("digit", k.digit());
		shown.put("profileId", d.profileId().toString());
		shown.put("profileVersion", d.profileVersion());
		shown.put("provider", d.provider());
		shown.put("decisionId", d.id().toString());
		shown.put("recorderEvent", k.eventId());
		if (k.promptId() != null) {
			shown.put("audioPromptId", k.promptId());
		}
		if (k.audioSha256() != null) {
			shown.put("audioSha256", k.audioSha256());
		}
		evidence.appendAll(List.of(new NewEvidence(d.companyId(), d.callId(), d.memberId(), d.participantId(),
				"CONSENT_DECISION", "KEYPAD", d.outcome().name(), shown, at, prompt)));
		publish(List.of(Optional.of(d)));
		return Optional.of(d);
	}

	/** The latest decision a participant took on a member's page, for whichever call (PRODUCT X2). */
	Optional<Decision> latestOnPage(UUID companyId, UUID memberId, String participantId) {
		return decisions.latestOfParticipant(companyId, memberId, participantId);
	}

	/** A member's page decisions, newest first. */
	public List<Decision> decisionsForMember(UUID companyId, UUID memberId, int limit) {
		return decisionLog(companyId, memberId, null, null, Math.min(Math.max(limit, 1), 1000)).items();
	}

	/** The company's latest decisions, newest first. */
	public List<Decision> recentDecisions(UUID companyId, int limit) {
		return decisionLog(companyId, null, null, null, Math.min(Math.max(limit, 1), 1000)).items();
	}

	/**
	 * One page of the decision log (the admin's {@code /admin/decisions}): newest first in a stable
	 * order, optionally of one member or call, starting after {@code after}; one query.
	 */
	public Keyset.Page<Decision> decisionLog(UUID companyId, @Nullable UUID memberId, @Nullable UUID callId,
			Keyset.@Nullable Cursor after, int size) {
		return Keyset.page(decisions.log(companyId, memberId, callId, after, size + 1), size, Decisions.Logged::cursor)
			.map(Decisions.Logged::decision);
	}

	/** Every decision taken for one call occurrence (PRODUCT C7), newest first. */
	public List<Decision> decisionsForCall(UUID companyId, UUID callId) {
		return decisions.forCall(companyId, callId);
	}

	/**
	 * The opt-outs that still stand for a call (PRODUCT C10): each participant's latest decision for
	 * it, where that is an opt-out; newest first. Empty when everyone who opted out has consented since.
	 */
	public List<Decision> standingOptOuts(UUID companyId, UUID callId) {
		return decisions.standingOptOuts(companyId, callId);
	}

	/**
	 * The purposes still refused for a call (PRODUCT X4, C10): each participant's latest decision for
	 * it, where that consents but refuses purposes asked separately; oldest first. A participant who
	 * refused a purpose and later allowed it is not among them.
	 */
	public List<Decision> standingPurposeRefusals(UUID companyId, UUID callId) {
		return decisions.standingPurposeRefusals(companyId, callId);
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
