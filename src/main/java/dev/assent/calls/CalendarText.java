package dev.assent.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The text of an iCalendar file line by line, for {@link CalendarFiles}: where each content line
 * starts ({@link Lines}, to name the line of a fault found after parsing) and the file cut into its
 * events ({@link Blocks}, to read each event on its own when the file as a whole cannot be read).
 */
final class CalendarText {

	private CalendarText() {
	}

	/** Where each content line of the file starts, to name the line of a fault found after parsing. */
	static final class Lines {

		private final List<String> logical = new ArrayList<>();

		private final List<Integer> numbers = new ArrayList<>();

		Lines(String text) {
			String[] physical = text.split("\r\n|\n|\r", -1);
			StringBuilder current = null;
			for (int i = 0; i < physical.length; i++) {
				String line = physical[i];
				if (current != null && (line.startsWith(" ") || line.startsWith("\t"))) {
					current.append(line.substring(1));
					continue;
				}
				if (current != null) {
					logical.add(current.toString());
				}
				current = new StringBuilder(line);
				numbers.add(i + 1);
			}
			if (current != null) {
				logical.add(current.toString());
			}
		}

		/** The line number of the first {@code name} property whose value is {@code value} (any when null). */
		int of(String name, @Nullable String value) {
			return of(name, value, 0);
		}

		/** As {@link #of(String, String)}, looking from physical line {@code from} on first. */
		int of(String name, @Nullable String value, int from) {
			if (from > 0) {
				int found = find(name, value, from);
				if (found > 0) {
					return found;
				}
			}
			return find(name, value, 0);
		}

		private int find(String name, @Nullable String value, int from) {
			for (int i = 0; i < logical.size(); i++) {
				if (numbers.get(i) < from) {
					continue;
				}
				String line = logical.get(i);
				if (line.regionMatches(true, 0, name, 0, name.length()) && line.length() > name.length()
						&& (line.charAt(name.length()) == ':' || line.charAt(name.length()) == ';')
						&& (value == null || line.endsWith(":" + value) || line.contains(value))) {
					return numbers.get(i);
				}
			}
			return 0;
		}

		/** The content line starting on physical line {@code number}, unfolded; null when none starts there. */
		@Nullable String at(int number) {
			for (int i = logical.size() - 1; i >= 0; i--) {
				if (numbers.get(i) <= number) {
					return logical.get(i);
				}
			}
			return null;
		}

		@Nullable String text(int number) {
			return number <= 0 ? null : at(number);
		}

		/**
		 * The line of the first VTIMEZONE rule that repeats more often than yearly, 0 when none does.
		 * Time zone rules always repeat yearly; ical4j expands a rule from its start (often 1601)
		 * while reading the file, so an hourly one would keep a request busy for hours.
		 */
		int firstZoneRuleNotYearly() {
			boolean inZone = false;
			for (int i = 0; i < logical.size(); i++) {
				String line = logical.get(i).strip().toUpperCase(Locale.ROOT);
				if (line.equals("BEGIN:VTIMEZONE")) {
					inZone = true;
				}
				else if (line.equals("END:VTIMEZONE")) {
					inZone = false;
				}
				else if (inZone && line.startsWith("RRULE") && !line.matches("RRULE[;:](.*[;:])?FREQ=YEARLY(;.*)?")) {
					return numbers.get(i);
				}
			}
			return 0;
		}

	}

	/**
	 * The file's physical lines split into its top-level VEVENT blocks and the rest (the calendar,
	 * its VTIMEZONEs), so that each event can be parsed on its own when the file as a whole cannot.
	 * A VEVENT left open ends where the next one begins or the calendar ends.
	 */
	record Blocks(List<String> lines, List<Block> events) {

		/** Lines {@code first}..{@code last} (1-based, inclusive) of the file. */
		record Block(int first, int last, List<String> lines) {

			/** The unfolded value of the block's first property {@code name}, if any. */
			@Nullable String property(String name) {
				StringBuilder value = null;
				for (String line : lines) {
					if (value != null) {
						if (line.startsWith(" ") || line.startsWith("\t")) {
							value.append(line.substring(1));
							continue;
						}
						break;
					}
					if (line.regionMatches(true, 0, name, 0, name.length()) && line.length() > name.length()
							&& (line.charAt(name.length()) == ':' || line.charAt(name.length()) == ';')) {
						int colon = line.indexOf(':');
						value = new StringBuilder(colon < 0 ? "" : line.substring(colon + 1));
					}
				}
				String v = value == null ? null : CalendarFiles.clean(value.toString().strip());
				return v == null || v.isEmpty() ? null : v.length() > 300 ? v.substring(0, 300) : v;
			}

		}

		static Blocks of(String text) {
			List<String> lines = List.of(text.split("\r\n|\n|\r", -1));
			List<Block> events = new ArrayList<>();
			int start = -1;
			int depth = 0;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i).strip().toUpperCase(Locale.ROOT);
				if (line.equals("BEGIN:VEVENT")) {
					if (start >= 0) {
						events.add(block(lines, start, i - 1));
					}
					start = i;
					depth = 0;
				}
				else if (start >= 0 && line.startsWith("BEGIN:")) {
					depth++;
				}
				else if (start >= 0 && line.startsWith("END:")) {
					if (line.equals("END:VEVENT") && depth == 0) {
						events.add(block(lines, start, i));
						start = -1;
					}
					else if (line.equals("END:VCALENDAR")) {
						events.add(block(lines, start, i - 1));
						start = -1;
					}
					else {
						depth = Math.max(0, depth - 1);
					}
				}
			}
			if (start >= 0) {
				events.add(block(lines, start, lines.size() - 1));
			}
			return new Blocks(lines, events);
		}

		private static Block block(List<String> lines, int from, int to) {
			return new Block(from + 1, to + 1, lines.subList(from, to + 1));
		}

		/** The file without its events. */
		String skeleton() {
			return without(null);
		}

		/** The file with only this one of its events. */
		String withOnly(Block kept) {
			return without(kept);
		}

		private String without(@Nullable Block kept) {
			StringBuilder out = new StringBuilder();
			int next = 0;
			boolean closed = false;
			for (Block b : events) {
				append(out, next, b.first() - 1);
				if (b == kept) {
					append(out, b.first() - 1, b.last());
					if (!b.lines().get(b.lines().size() - 1).strip().equalsIgnoreCase("END:VEVENT")) {
						out.append("END:VEVENT\r\n");
					}
				}
				next = b.last();
			}
			append(out, next, lines.size());
			for (String line : lines) {
				closed |= line.strip().equalsIgnoreCase("END:VCALENDAR");
			}
			if (!closed) {
				out.append("END:VCALENDAR\r\n");
			}
			return out.toString();
		}

		private void append(StringBuilder out, int from, int to) {
			for (int i = from; i < to && i < lines.size(); i++) {
				out.append(lines.get(i)).append("\r\n");
			}
		}

		/** The file's line of line {@code synthetic} of {@link #withOnly(Block) withOnly(block)}. */
		int lineOf(Block block, int synthetic) {
			int before = 0;
			for (String line : withOnly(block).split("\r\n", -1)) {
				before++;
				if (line.equals(block.lines().get(0)) && before <= synthetic) {
					int offset = synthetic - before;
					return offset < block.lines().size() ? block.first() + offset : block.first();
				}
			}
			return block.first();
		}

	}

}
