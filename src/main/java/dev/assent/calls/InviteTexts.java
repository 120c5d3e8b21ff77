package dev.assent.calls;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import dev.assent.calls.spi.NoDialIn;

/**
 * The ready-to-paste invite of a meeting (PRODUCT J2) in one of the participant languages of C8, times
 * in the meeting's zone. Every word comes from the {@code invite/messages_xx} bundles (one per language
 * of the consent page, {@code MessagesCompletenessTests} sees to it), also the date patterns; the names
 * of weekdays and months are the locale's own.
 */
final class InviteTexts {

	/** The bundle of the invite texts. */
	static final String BUNDLE = "invite/messages";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

	private final MessageSource messages;

	private final Locale locale;

	private InviteTexts(MessageSource messages, String language) {
		this.messages = messages;
		this.locale = Locale.forLanguageTag(language);
	}

	/** The invite texts in {@code language} (a supported language code of {@link dev.assent.shared.Languages}). */
	static InviteTexts in(String language) {
		return new InviteTexts(BUNDLES, language);
	}

	private static final MessageSource BUNDLES = bundles();

	private static MessageSource bundles() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename(BUNDLE);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

	/** The invite with its dial-in lines (L4); never the provider's raw join link when there is a consent link. */
	String text(Meeting meeting, String companyName, @Nullable String consentLink, DynamicLinks.DialInInfo dialIn) {
		StringBuilder text = new StringBuilder(meeting.title()).append('\n').append(when(meeting)).append('\n');
		if (meeting.recurrence() != null) {
			text.append(repeats(meeting.recurrence(), meeting.start().atZone(ZoneId.of(meeting.timeZone())))).append('\n');
		}
		text.append('\n');
		if (consentLink != null) {
			text.append(message("invite.recorded", companyName, consentLink));
		}
		else if (meeting.joinUrl() != null) {
			text.append(message("invite.join", meeting.joinUrl()));
		}
		List<String> lines = dialInLines(dialIn);
		if (!lines.isEmpty()) {
			text.append("\n\n").append(String.join("\n", lines));
		}
		return text.toString().strip();
	}

	/**
	 * The invite's dial-in lines (L4): a heading, the numbers shown (numbers, countries and cities as
	 * the provider gave them) and the provider's list; or why there is no dial-in. None for static links.
	 */
	List<String> dialInLines(DynamicLinks.DialInInfo dialIn) {
		List<String> lines = new ArrayList<>();
		if (dialIn.dialIn() != null) {
			lines.add(message("invite.dial-in"));
			dialIn.dialIn().numbers().forEach(n -> lines.add("  " + n));
			if (dialIn.dialIn().moreUrl() != null) {
				lines.add(message("invite.dial-in.more", dialIn.dialIn().moreUrl()));
			}
		}
		else if (dialIn.noDialIn() != null && dialIn.provider() != null) {
			lines.add(message("invite.dial-in.none", noDialIn(dialIn.noDialIn(), dialIn.provider())));
		}
		return lines;
	}

	/** Why a provider meeting has no dial-in numbers, in this language. */
	String noDialIn(NoDialIn why, String provider) {
		return message("invite.dial-in.reason." + why.name(), provider);
	}

	/** Such as: Monday, 4 March 2030, 10:00–10:30 (Europe/Berlin). */
	String when(Meeting meeting) {
		ZoneId zone = ZoneId.of(meeting.timeZone());
		ZonedDateTime start = meeting.start().atZone(zone);
		ZonedDateTime end = meeting.end().atZone(zone);
		DateTimeFormatter date = DateTimeFormatter.ofPattern(message("invite.format.date"), locale);
		String until = start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end)
				: message("invite.date-time", date.format(end), TIME.format(end));
		return message("invite.when", date.format(start), TIME.format(start), until, zone.getId());
	}

	/** A sentence such as: Repeats every week on Tuesday, until 16 April 2030. The raw rule for unusual ones. */
	String repeats(String rrule, ZonedDateTime start) {
		RecurrenceRule rule = Recurrences.parse(rrule);
		String unit = switch (rule.getFreq()) {
			case YEARLY -> "year";
			case MONTHLY -> "month";
			case WEEKLY -> "week";
			case DAILY -> "day";
			default -> null;
		};
		if (unit == null) {
			return message("invite.repeats.raw", rrule);
		}
		String s = message("invite.repeats." + unit, rule.getInterval());
		List<RecurrenceRule.WeekdayNum> days = rule.getByDayPart();
		if (days != null && !days.isEmpty()) {
			List<String> names = new ArrayList<>();
			for (RecurrenceRule.WeekdayNum d : days) {
				String name = dayName(d.weekday.name());
				names.add(d.pos == 0 ? name : message("invite.repeats.nth", ordinal(d.pos), name));
			}
			s = message("invite.repeats.on", s, list(names));
		}
		else if (rule.getFreq() == Freq.WEEKLY) {
			s = message("invite.repeats.on", s, start.getDayOfWeek().getDisplayName(TextStyle.FULL, locale));
		}
		if (rule.getCount() != null) {
			s = message("invite.repeats.count", s, rule.getCount());
		}
		else if (rule.getUntil() != null) {
			ZonedDateTime until = Instant.ofEpochMilli(rule.getUntil().getTimestamp()).atZone(start.getZone());
			s = message("invite.repeats.until", s,
					DateTimeFormatter.ofPattern(message("invite.format.day"), locale).format(until));
		}
		return s;
	}

	/** The locale's name of an RFC 5545 weekday ({@code MO} … {@code SU}). */
	private String dayName(String weekday) {
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day.name().startsWith(weekday)) {
				return day.getDisplayName(TextStyle.FULL, locale);
			}
		}
		return weekday;
	}

	private String ordinal(int pos) {
		return switch (pos) {
			case 1, 2, 3, 4 -> message("invite.ordinal." + pos);
			case -1 -> message("invite.ordinal.last");
			default -> message("invite.ordinal.other", pos);
		};
	}

	private String list(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		String head = String.join(message("invite.list.separator"), names.subList(0, names.size() - 1));
		return message("invite.list.last", head, names.get(names.size() - 1));
	}

	private String message(String code, Object... args) {
		return messages.getMessage(code, args, locale);
	}

}
