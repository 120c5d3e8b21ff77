package dev.assent.calls;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;

import dev.assent.calls.CalendarFiles.Entry;
import dev.assent.calls.CalendarFiles.Skip;
import dev.assent.calls.CalendarText.Blocks;
import dev.assent.calls.CalendarText.Lines;
import dev.assent.shared.InvalidInput;

import static dev.assent.calls.CalendarFiles.FIELD;

/**
 * The syntax of an iCalendar file (ical4j's {@link CalendarBuilder}): the calendar and its VEVENTs
 * with the line each begins on. One broken event never refuses the whole file: the calendar is then
 * read without its events, and each event on its own; those that cannot be read become a
 * {@link Skip} with their line.
 */
final class CalendarParser {

	private static final Pattern AT_LINE = Pattern.compile("^line (\\d+): ");

	private CalendarParser() {
	}

	/** The calendar, its readable events with the line each begins on, and the events that could not be read. */
	record Parsed(Calendar calendar, List<VEvent> events, List<Integer> eventLines, List<Entry> unreadable) {

	}

	static Parsed parseAll(String text, Lines lines) {
		guardTimeZoneRules(lines);
		Blocks blocks = Blocks.of(text);
		List<VEvent> events = new ArrayList<>();
		List<Integer> eventLines = new ArrayList<>();
		try {
			Calendar calendar = parse(text);
			for (CalendarComponent component : calendar.getComponents()) {
				if (component instanceof VEvent event) {
					events.add(event);
				}
			}
			for (int i = 0; i < events.size(); i++) {
				eventLines.add(i < blocks.events().size() ? blocks.events().get(i).first() : 0);
			}
			return new Parsed(calendar, events, eventLines, List.of());
		}
		catch (InvalidInput whole) {
			if (blocks.events().isEmpty()) {
				throw whole;
			}
			Calendar calendar;
			try {
				calendar = parse(blocks.skeleton());
			}
			catch (InvalidInput skeleton) {
				throw whole;
			}
			List<Entry> unreadable = new ArrayList<>();
			for (Blocks.Block block : blocks.events()) {
				try {
					Calendar single = parse(blocks.withOnly(block));
					for (CalendarComponent component : single.getComponents()) {
						if (component instanceof VEvent event) {
							events.add(event);
							eventLines.add(block.first());
						}
					}
				}
				catch (InvalidInput ex) {
					String message = ex.fields().get(FIELD);
					Matcher at = AT_LINE.matcher(message);
					int line = at.find() ? blocks.lineOf(block, Integer.parseInt(at.group(1))) : block.first();
					unreadable.add(new Skip(block.property("UID"), block.property("SUMMARY"),
							"line " + line + ": " + (at.find(0) ? message.substring(at.end()) : message), block.first()));
				}
			}
			return new Parsed(calendar, events, eventLines, unreadable);
		}
	}

	/**
	 * Refuses VTIMEZONE rules that repeat more often than yearly. Time zone rules always repeat
	 * yearly; ical4j expands a rule from its start (often 1601) while reading the file, so an
	 * hourly one would keep a request busy for hours.
	 */
	private static void guardTimeZoneRules(Lines lines) {
		int line = lines.firstZoneRuleNotYearly();
		if (line > 0) {
			throw InvalidInput.of(FIELD, "invalid.calendar.zone-rule", line);
		}
	}

	/** Parses iCalendar text; a syntax error is an {@link InvalidInput} naming its line. */
	private static Calendar parse(String text) {
		try {
			return new CalendarBuilder().build(new StringReader(text));
		}
		catch (ParserException ex) {
			String line = new Lines(text).at(ex.getLineNo());
			throw line == null || line.isBlank()
					? InvalidInput.of(FIELD, "invalid.calendar.syntax", ex.getLineNo(), parserMessage(ex))
					: InvalidInput.of(FIELD, "invalid.calendar.syntax-at", ex.getLineNo(), abbreviate(line), parserMessage(ex));
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidInput.of(FIELD, "invalid.calendar.unreadable", ex.getMessage());
		}
	}

	/** A line or message as a fault names it: at most 120 characters. */
	static String abbreviate(String line) {
		return line.length() > 120 ? line.substring(0, 117) + "..." : line;
	}

	private static String parserMessage(ParserException ex) {
		String message = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause().getMessage()
				: ex.getMessage() == null ? "unreadable" : ex.getMessage();
		return message.replaceFirst("^Error at line \\d+:", "")
			.replaceAll("No enum constant [\\w.]+\\.(\\w+)", "unknown value '$1'")
			.strip();
	}

}
