package dev.assent.calls;

import org.jspecify.annotations.Nullable;

/**
 * What goes into a meeting invite (PRODUCT J2): the owner's personal consent link, dial-in
 * numbers and a ready-to-paste text. {@code dialIn} is {@code null} for static links (L4);
 * {@code dialInNote} says why.
 */
public record Invitation(@Nullable String consentLink, @Nullable DialIn dialIn, String dialInNote, String inviteText) {

	/** At most the first five numbers and a link to the provider's full list (L4). */
	public record DialIn(java.util.List<String> numbers, @Nullable String moreUrl) {
	}

}
