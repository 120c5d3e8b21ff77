package dev.assent.calls.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A meeting created at the provider (PRODUCT L1, L4).
 *
 * @param providerMeetingId the provider's id of the meeting
 * @param joinUrl where participants join; Assent sends them there from the consent page only
 * @param dialInNumbers every dial-in number the provider gave, in its order (the invite shows the
 * first 5)
 * @param moreNumbersUrl the provider's page with all its dial-in numbers
 * @param noDialIn why there are no numbers, when there are none (e.g. Teams without audio
 * conferencing); the invite says it in the reader's language
 */
public record ProviderMeeting(String providerMeetingId, String joinUrl, List<DialInNumber> dialInNumbers,
		@Nullable String moreNumbersUrl, @Nullable NoDialIn noDialIn) {

	public ProviderMeeting {
		dialInNumbers = List.copyOf(dialInNumbers);
	}

	/** One dial-in number, e.g. {@code +1 646 558 8656} in {@code US}. */
	public record DialInNumber(String number, @Nullable String country, @Nullable String city) {
	}

}
