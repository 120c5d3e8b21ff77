package dev.assent.calls;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.jspecify.annotations.Nullable;

/** The ready-to-paste invite of a meeting (PRODUCT J2), in English, times in the meeting's zone. */
final class InviteTexts {

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private static final java.util.Map<String, String> DAY_NAMES = java.util.Map.of("MO", "Monday", "TU", "Tuesday",
			"WE", "Wednesday", "TH", "Thursday", "FR", "Friday", "SA", "Saturday", "SU", "Sunday");

	private InviteTexts() {
	}

	static String text(Meeting meeting, String companyName, @Nullable String consentLink) {
		return text(meeting, companyName, consentLink, List.of());
	}

	/** The invite with dial-in lines (L4); never the provider's raw join link when there is a consent link. */
	static String text(Meeting meeting, String companyName, @Nullable String consentLink, List<String> dialIn) {
		StringBuilder text = new StringBuilder(meeting.title()).append('\n').append(when(meeting)).append('\n');
		if (meeting.recurrence() != null) {
			text.append(repeats(meeting.recurrence(), meeting.start().atZone(ZoneId.of(meeting.timeZone())))).append('\n');
		}
		text.append('\n');
		if (consentLink != null) {
			text.append("This meeting is recorded by ")
				.append(companyName)
				.append(". Join through ")
				.append(consentLink)
				.append(" to choose whether you are recorded.");
		}
		else if (meeting.joinUrl() != null) {
			text.append("Join: ").append(meeting.joinUrl());
		}
		if (!dialIn.isEmpty()) {
			text.append("\n\n").append(String.join("\n", dialIn));
		}
		return text.toString().strip();
	}

	static String when(Meeting meeting) {
		ZoneId zone = ZoneId.of(meeting.timeZone());
		ZonedDateTime start = meeting.start().atZone(zone);
		ZonedDateTime end = meeting.end().atZone(zone);
		String until = start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end) : DAY_TIME.format(end);
		return DAY_TIME.format(start) + "–" + until + " (" + zone.getId() + ")";
	}

	/** A sentence such as: Repeats every week on Tuesday until 16 April 2030. The raw rule for unusual ones. */
	static String repeats(String rrule, ZonedDateTime start) {
		ZoneId zone = start.getZone();
		RecurrenceRule rule = Recurrences.parse(rrule);
		String unit = switch (rule.getFreq()) {
			case YEARLY -> "year";
			case MONTHLY -> "month";
			case WEEKLY -> "week";
			case DAILY -> "day";
			case HOURLY -> "hour";
			default -> null;
		};
		if (unit == null) {
			return "Repeats: " + rrule;
		}
		StringBuilder s = new StringBuilder("Repeats every ");
		s.append(rule.getInterval() > 1 ? rule.getInterval() + " " + unit + "s" : unit);
		List<RecurrenceRule.WeekdayNum> days = rule.getByDayPart();
		if (days != null && !days.isEmpty()) {
			List<String> names = new ArrayList<>();
			for (RecurrenceRule.WeekdayNum d : days) {
				String name = DAY_NAMES.getOrDefault(d.weekday.name(), d.weekday.name());
				names.add(d.pos == 0 ? name : ordinal(d.pos) + " " + name);
			}
			s.append(" on ").append(join(names));
		}
		else if (rule.getFreq() == org.dmfs.rfc5545.recur.Freq.WEEKLY) {
			s.append(" on ").append(start.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH));
		}
		if (rule.getCount() != null) {
			s.append(", ").append(rule.getCount()).append(" times");
		}
		else if (rule.getUntil() != null) {
			ZonedDateTime until = java.time.Instant.ofEpochMilli(rule.getUntil().getTimestamp()).atZone(zone);
			s.append(", until ").append(DAY.format(until));
		}
		return s.toString();
	}

	private static String ordinal(int pos) {
		return switch (pos) {
			case 1 -> "first";
			case 2 -> "second";
			case 3 -> "third";
			case 4 -> "fourth";
			case -1 -> "last";
			default -> pos + ".";
		};
	}

	private static String join(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", ")) + " and "
				+ names.get(names.size() - 1);
	}

}
