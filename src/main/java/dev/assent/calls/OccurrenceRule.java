package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which occurrence of a consent link a decision taken at {@code now} is for (PRODUCT C7, C10,
 * D4). The candidates are the calls of one link — a meeting's own link, or a member's personal
 * room — that are not cancelled. In this order:
 * <ol>
 * <li>the one <b>in progress by the recorder's account</b>: it reported the call started and not
 * ended — also when it runs past its planned end (the latest started, if several). Not so past its
 * planned end once its recording was stopped for good (skipped, or cut short by an opt-out): its
 * bot left because Assent told it to, so the recorder's silence says nothing about the call any
 * more, and the room's next call — whose bot may not have joined yet — must get its decisions;</li>
 * <li>the one whose <b>planned window contains now</b> and that the recorder has not reported
 * ended (the latest planned start): the recorder may not have joined yet;</li>
 * <li>the <b>next one starting within 12 hours</b> (the soonest): an early click is honoured
 * when that call starts;</li>
 * <li>a <b>recent one still running</b>: planned to have ended less than {@link #RUNNING_OVER}
 * ago, not reported ended (the latest planned end).</li>
 * </ol>
 * So a decision is never lost while a call of the link is running. A call the recorder reported
 * started is taken to have ended {@link #OVERRUN} after its planned end at the latest (a bot told to
 * stop may leave without reporting the end of the call).
 */
public final class OccurrenceRule {

	/** How early a click may come and still belong to the coming occurrence. */
	public static final Duration EARLY = Duration.ofHours(12);

	/**
	 * How long past its planned end a call the recorder reported started and not ended still counts
	 * as in progress: a bot told to stop may leave without reporting the call's end.
	 */
	public static final Duration OVERRUN = Duration.ofHours(4);

	/** How long past its planned end a call the recorder reported nothing of counts as still running. */
	public static final Duration RUNNING_OVER = Duration.ofHours(1);

	/** The longest a call may be planned (see {@link MeetingScheduling}) plus {@link #OVERRUN}: how far back candidates reach. */
	public static final Duration LOOK_BACK = MeetingScheduling.MAX_DURATION.plus(OVERRUN);

	/** What the rule needs to know of a call. */
	public interface Candidate {

		Instant plannedStart();

		Instant plannedEnd();

		/** When the recorder reported the call started (a bot joined or recording started); null if not. */
		Instant startedAt();

		/** When the recorder reported the call ended; null if not. */
		Instant endedAt();

		/** Whether its recording was stopped for good (its bot told to leave): skipped, or cut short. */
		default boolean recordingStopped() {
			return false;
		}

	}

	private OccurrenceRule() {
	}

	/** The candidate a decision taken at {@code now} belongs to; empty when none qualifies. */
	public static <C extends Candidate> Optional<C> pick(Collection<C> candidates, Instant now) {
		Predicate<C> notEnded = c -> c.endedAt() == null || c.endedAt().isAfter(now);
		Predicate<C> recent = c -> now.isBefore(c.plannedEnd().plus(OVERRUN));
		Optional<C> inProgress = candidates.stream()
			.filter(notEnded.and(recent))
			.filter(c -> c.startedAt() != null && !c.startedAt().isAfter(now))
			.filter(c -> !c.recordingStopped() || now.isBefore(c.plannedEnd()))
			.max(Comparator.comparing(Candidate::startedAt));
		if (inProgress.isPresent()) {
			return inProgress;
		}
		Optional<C> planned = candidates.stream()
			.filter(notEnded)
			.filter(c -> !c.plannedStart().isAfter(now) && now.isBefore(c.plannedEnd()))
			.max(Comparator.comparing(Candidate::plannedStart));
		if (planned.isPresent()) {
			return planned;
		}
		Optional<C> next = candidates.stream()
			.filter(notEnded)
			.filter(c -> c.plannedStart().isAfter(now) && !c.plannedStart().isAfter(now.plus(EARLY)))
			.min(Comparator.comparing(Candidate::plannedStart));
		if (next.isPresent()) {
			return next;
		}
		return candidates.stream()
			.filter(notEnded)
			.filter(c -> !c.plannedEnd().isAfter(now) && now.isBefore(c.plannedEnd().plus(RUNNING_OVER)))
			.max(Comparator.comparing(Candidate::plannedEnd));
	}

}
