package dev.assent.shared;

import java.net.IDN;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for an email address, wherever one comes in (members, SCIM, meetings' organizers and
 * invitees, calendar files) and wherever mail goes out: what is taken can be sent to. A local part of
 * 1–64 characters without spaces, control characters or {@code "(),:;<>[]\}; an {@code @}; a domain
 * of letters, digits, dots and hyphens ending in a label of at least two — internationalised
 * domains too, sent in their ASCII form; at most 254 characters.
 */
public final class Emails {

	private static final Pattern LOCAL_PART = Pattern.compile("[^@\\s\"(),:;<>\\[\\]\\\\\\p{Cntrl}\\u2028\\u2029]{1,64}");

	private static final Pattern ASCII_DOMAIN = Pattern.compile("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]{2,}");

	private static final int MAX_LENGTH = 254;

	private Emails() {
	}

	/** Whether {@code text} (already stripped) is an email address Assent takes. */
	public static boolean isAddress(@Nullable String text) {
		return forSending(text) != null;
	}

	/**
	 * The address as mail servers take it — an internationalised domain in its ASCII form
	 * ({@code jürgen@müller.example} → {@code jürgen@xn--mller-kva.example}); null when {@code text}
	 * is no address.
	 */
	public static @Nullable String forSending(@Nullable String text) {
		if (text == null || text.length() > MAX_LENGTH) {
			return null;
		}
		int at = text.indexOf('@');
		if (at < 1 || !LOCAL_PART.matcher(text.substring(0, at)).matches()) {
			return null;
		}
		String domain;
		try {
			domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!ASCII_DOMAIN.matcher(domain).matches()) {
			return null;
		}
		String address = text.substring(0, at + 1) + domain;
		return address.length() <= MAX_LENGTH ? address : null;
	}

}
