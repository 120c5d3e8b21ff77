package dev.assent.notifications;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.jspecify.annotations.Nullable;

import dev.assent.shared.Emails;

/**
 * What goes into mail headers, made safe: an address is one address by {@link Emails}' rule (the
 * one every address that comes in was checked with; an internationalised domain in its ASCII form)
 * or refused; a display name or subject loses its line breaks and control characters (and is
 * RFC 2047 encoded when it needs it), so no text from a calendar, a form or the API can add a header.
 */
final class Addresses {

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

	private Addresses() {
	}

	/** An address that cannot be used: the email fails for good. */
	static final class Invalid extends RuntimeException {

		Invalid(String message) {
			super(message);
		}

	}

	/** The recipient as one address with its (cleaned) display name; {@link Invalid} when unusable. */
	static InternetAddress recipient(String address, @Nullable String name) {
		String a = Emails.forSending(address.strip());
		if (a == null) {
			throw new Invalid("invalid recipient address '" + printable(address.strip()) + "'");
		}
		try {
			InternetAddress parsed = new InternetAddress(a, true);
			String personal = name == null ? null : oneLine(name, 200);
			return personal == null || personal.isEmpty() ? parsed
					: new InternetAddress(parsed.getAddress(), personal, StandardCharsets.UTF_8.name());
		}
		catch (AddressException | UnsupportedEncodingException ex) {
			throw new Invalid("invalid recipient address '" + printable(a) + "': " + ex.getMessage());
		}
	}

	/** A header text on one line: control characters (CR, LF, tab, …) become one space; at most {@code max} characters. */
	static String oneLine(String text, int max) {
		String s = CONTROL.matcher(text).replaceAll(" ").strip();
		return s.length() > max ? s.substring(0, max) : s;
	}

	private static String printable(String s) {
		return oneLine(s, 100);
	}

}
