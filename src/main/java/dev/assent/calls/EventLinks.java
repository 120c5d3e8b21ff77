package dev.assent.calls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.jspecify.annotations.Nullable;

/**
 * The links of a calendar event: in the provider's own property (Google's, Teams'), URL, LOCATION
 * or DESCRIPTION, in that order.
 */
final class EventLinks {

	/** At most this many links of an invite are kept, each at most {@link #MAX_LINK} characters. */
	static final int MAX_INVITE_LINKS = 20;

	static final int MAX_LINK = 2000;

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'\\\\]+", Pattern.CASE_INSENSITIVE);

	/** Properties that carry the meeting link itself, before the free-text ones. */
	private static final List<String> LINK_PROPERTIES = List.of("X-GOOGLE-CONFERENCE",
			"X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", Property.URL,
			Property.LOCATION, Property.DESCRIPTION);

	private EventLinks() {
	}

	/** Every link in the properties that carry links (the consent link, the provider's, others), in order. */
	static List<String> inviteLinks(VEvent event) {
		LinkedHashSet<String> links = new LinkedHashSet<>();
		for (String name : LINK_PROPERTIES) {
			for (Property p : event.getProperties(name)) {
				Matcher m = URL.matcher(p.getValue() == null ? "" : p.getValue());
				while (m.find() && links.size() < MAX_INVITE_LINKS) {
					String url = withoutTrailingPunctuation(m.group());
					if (url.length() <= MAX_LINK) {
						links.add(url);
					}
				}
			}
		}
		return List.copyOf(links);
	}

	/**
	 * The meeting's join link: the first link of a known provider; else the first link of a property
	 * other than the free-text DESCRIPTION; else none.
	 */
	static @Nullable String joinUrl(VEvent event, Function<String, Provider> providers) {
		String fallback = null;
		for (String name : LINK_PROPERTIES) {
			for (Property p : event.getProperties(name)) {
				Matcher m = URL.matcher(p.getValue() == null ? "" : p.getValue());
				while (m.find()) {
					String url = withoutTrailingPunctuation(m.group());
					if (providers.apply(url) != Provider.OTHER) {
						return url;
					}
					if (fallback == null && !name.equals(Property.DESCRIPTION)) {
						fallback = url;
					}
				}
			}
		}
		return fallback;
	}

	/** A link as written in text ends before the sentence's punctuation. */
	private static String withoutTrailingPunctuation(String url) {
		return url.replaceAll("[.,;:)\\]}>]+$", "");
	}

}
