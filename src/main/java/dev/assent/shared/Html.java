package dev.assent.shared;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Sanitises HTML written by admins (recording notices) to a small allow-list: text formatting,
 * lists, paragraphs and https/mailto links. Scripts, styles, event handlers and other URL schemes
 * are removed.
 */
public final class Html {

	private static final Safelist NOTICE = Safelist.basic()
		.removeTags("img")
		.addTags("h2", "h3", "h4")
		.removeProtocols("a", "href", "ftp", "http")
		.addProtocols("a", "href", "https", "mailto")
		.addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

	private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

	private Html() {
	}

	public static String sanitize(String html) {
		return Jsoup.clean(html, "", NOTICE, OUTPUT);
	}

	/** The visible text of some HTML, for plain-text emails and previews. */
	public static String text(String html) {
		return Jsoup.parse(html).text();
	}

}
