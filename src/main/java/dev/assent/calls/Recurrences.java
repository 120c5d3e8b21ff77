package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.RecurrenceSet;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recurrenceset.FastForwarded;
import org.dmfs.rfc5545.recurrenceset.OfRuleAndFirst;
import org.jspecify.annotations.Nullable;

import dev.assent.shared.InvalidInput;

/**
 * Expands a meeting into its occurrences with lib-recur (RFC 5545), in the meeting's own time
 * zone, so a weekly 09:00 Europe/Berlin meeting stays at 09:00 local time across daylight-saving
 * changes. EXDATEs and cancelled instances are left out, moved instances (RECURRENCE-ID) take
 * their new times. COUNT counts every instance of the rule, excluded ones too, as RFC 5545 says.
 * <p>
 * A rule without an end is never expanded fully: callers pass a window ({@code from} ..
 * {@code until}) and a maximum, and get back where to continue.
 */
final class Recurrences {

	/** One occurrence; {@code occurrenceStart} is the rule's start for it, its identity within the series. */
	record Occurrence(Instant occurrenceStart, Instant start, Instant end, @Nullable String title) {
	}

	/**
	 * @param next the rule's start of the first occurrence not returned (continue there);
	 * {@code null} when the series has no more occurrences
	 */
	record Expansion(List<Occurrence> occurrences, @Nullable Instant next) {
	}

	/** What is expanded: the first occurrence, the zone, the rule and its exceptions. */
	record Schedule(Instant start, Instant end, ZoneId zone, @Nullable String rule, Collection<Instant> exdates,
			Collection<OccurrenceChange> changes, Collection<Instant> rdates) {

		Schedule(Instant start, Instant end, ZoneId zone, @Nullable String rule, Collection<Instant> exdates,
				Collection<OccurrenceChange> changes) {
			this(start, end, zone, rule, exdates, changes, List.of());
		}

		Duration duration() {
			return Duration.between(start, end);
		}

	}

	/** Moved instances may lie this far before their rule start and still be found when fast-forwarding. */
	private static final Duration MOVE_TOLERANCE = Duration.ofDays(31);

	private static final int MAX_RULE_LENGTH = 1000;

	private Recurrences() {
	}

	/**
	 * Validates an RRULE and returns it in canonical form ({@code RRULE:} prefix removed, upper
	 * case). Rules more frequent than hourly are refused: no meeting repeats every minute.
	 */
	static String normalize(String rule) {
		String r = rule.strip();
		if (r.regionMatches(true, 0, "RRULE:", 0, 6)) {
			r = r.substring(6).strip();
		}
		r = r.toUpperCase(Locale.ROOT);
		if (r.isEmpty()) {
			throw InvalidInput.of("recurrence", "invalid.is-empty-leave-it-out-for-a-one");
		}
		if (r.length() > MAX_RULE_LENGTH) {
			throw InvalidInput.of("recurrence", "invalid.characters.at-most", MAX_RULE_LENGTH);
		}
		RecurrenceRule parsed = parse(r);
		if (parsed.getFreq() == Freq.SECONDLY || parsed.getFreq() == Freq.MINUTELY) {
			throw InvalidInput.of("recurrence", "invalid.recurrence.frequency", parsed.getFreq());
		}
		if (parsed.getInterval() > 1000) {
			throw InvalidInput.of("recurrence", "invalid.interval-must-be-at-most-1000");
		}
		return r;
	}

	static RecurrenceRule parse(String rule) {
		try {
			return new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
		}
		catch (InvalidRecurrenceRuleException | IllegalArgumentException ex) {
			throw InvalidInput.of("recurrence", "invalid.recurrence.rule", rule, ex.getMessage());
		}
	}

	/**
	 * The occurrences whose rule start is at or after {@code from} and before {@code until}, that
	 * have not ended by {@code notEndedBy}, at most {@code max} of them. A one-off meeting is its
	 * single occurrence, whatever the window's end.
	 */
	static Expansion expand(Schedule schedule, Instant from, Instant notEndedBy, Instant until, int max) {
		Duration duration = schedule.duration();
		Map<Instant, OccurrenceChange> changes = schedule.changes()
			.stream()
			.collect(Collectors.toMap(OccurrenceChange::occurrenceStart, Function.identity(), (a, b) -> b));
		Set<Instant> excluded = new HashSet<>(schedule.exdates());
		List<Occurrence> out = new ArrayList<>();
		if (schedule.rule() == null && schedule.rdates().isEmpty()) {
			Occurrence only = occurrence(schedule.start(), duration, changes, excluded);
			if (only != null && !schedule.start().isBefore(from) && only.end().isAfter(notEndedBy) && max > 0) {
				out.add(only);
			}
			return new Expansion(out, null);
		}
		java.util.Iterator<Instant> instances = instances(schedule, from, notEndedBy, duration);
		while (true) {
			if (!instances.hasNext()) {
				return new Expansion(out, null);
			}
			Instant ruleStart = instances.next();
			if (ruleStart.isBefore(from)) {
				continue;
			}
			if (!ruleStart.isBefore(until) || out.size() >= max) {
				return new Expansion(out, ruleStart);
			}
			Occurrence o = occurrence(ruleStart, duration, changes, excluded);
			if (o != null && o.end().isAfter(notEndedBy)) {
				out.add(o);
			}
		}
	}

	/**
	 * The starts of the series in order: the rule's instances (from DTSTART; without a rule, DTSTART
	 * itself) merged with the extra dates (RDATE), each once.
	 */
	private static java.util.Iterator<Instant> instances(Schedule schedule, Instant from, Instant notEndedBy,
			Duration duration) {
		java.util.Iterator<Instant> rule;
		if (schedule.rule() == null) {
			rule = List.of(schedule.start()).iterator();
		}
		else {
			TimeZone tz = TimeZone.getTimeZone(schedule.zone());
			RecurrenceSet set = new OfRuleAndFirst(parse(schedule.rule()), new DateTime(tz, schedule.start().toEpochMilli()));
			Instant skipTo = later(from, notEndedBy.minus(duration).minus(MOVE_TOLERANCE));
			if (skipTo.isAfter(schedule.start())) {
				set = new FastForwarded(new DateTime(tz, skipTo.toEpochMilli()), set);
			}
			java.util.Iterator<DateTime> dates;
			try {
				dates = set.iterator();
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
				// lib-recur: e.g. an UNTIL before the start
				throw InvalidInput.of("recurrence", "invalid.recurrence.never", schedule.rule());
			}
			rule = new java.util.Iterator<>() {

				private boolean ended;

				@Override
				public boolean hasNext() {
					try {
						return !ended && dates.hasNext();
					}
					catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
						// lib-recur gives up on rules that stop producing instances: the series has ended.
						ended = true;
						return false;
					}
				}

				@Override
				public Instant next() {
					try {
						return Instant.ofEpochMilli(dates.next().getTimestamp());
					}
					catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
						ended = true;
						throw new java.util.NoSuchElementException("the rule has no more instances");
					}
				}

			};
		}
		if (schedule.rdates().isEmpty()) {
			return rule;
		}
		java.util.Iterator<Instant> extra = new java.util.TreeSet<>(schedule.rdates()).iterator();
		return new java.util.Iterator<>() {

			private @Nullable Instant a = rule.hasNext() ? rule.next() : null;

			private @Nullable Instant b = extra.hasNext() ? extra.next() : null;

			@Override
			public boolean hasNext() {
				return a != null || b != null;
			}

			@Override
			public Instant next() {
				Instant next;
				if (b == null || (a != null && !a.isAfter(b))) {
					next = a;
					if (b != null && b.equals(a)) {
						b = extra.hasNext() ? extra.next() : null;
					}
					a = rule.hasNext() ? rule.next() : null;
				}
				else {
					next = b;
					b = extra.hasNext() ? extra.next() : null;
				}
				if (next == null) {
					throw new java.util.NoSuchElementException();
				}
				return next;
			}

		};
	}

	private static @Nullable Occurrence occurrence(Instant ruleStart, Duration duration,
			Map<Instant, OccurrenceChange> changes, Set<Instant> excluded) {
		if (excluded.contains(ruleStart)) {
			return null;
		}
		OccurrenceChange change = changes.get(ruleStart);
		if (change == null) {
			return new Occurrence(ruleStart, ruleStart, ruleStart.plus(duration), null);
		}
		if (change.cancelled()) {
			return null;
		}
		Instant start = change.start() != null ? change.start() : ruleStart;
		Instant end = change.end() != null ? change.end() : start.plus(duration);
		return new Occurrence(ruleStart, start, end, change.title());
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
