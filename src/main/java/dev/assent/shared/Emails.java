package dev.assent.shared;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What Assent takes for an email address wherever one comes in (members, SCIM, meetings'
 * organizers and invitees, calendar files): a local part of at most 64 characters, an {@code @}, a
 * domain with a dot, no spaces, at most 254 characters in all. Sending checks more
 * (notifications' {@code Addresses}: what a mail header may carry).
 */
public final class Emails {

	private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	private Emails() {
	}

	/** Whether {@code text} (already stripped) is an email address. */
	public static boolean isAddress(@Nullable String text) {
		return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
	}

}
