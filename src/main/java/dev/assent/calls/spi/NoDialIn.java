package dev.assent.calls.spi;

/**
 * Why a provider meeting has no dial-in numbers (PRODUCT L4), as a reason the invite says in the
 * reader's language ({@code invite.dial-in.reason.<name>} of the {@code invite/messages} bundles,
 * with the provider's name as argument) rather than as an adapter's English sentence.
 */
public enum NoDialIn {

	/** The organizer's account has no audio conferencing, i.e. no dial-in licence (Microsoft Teams). */
	NO_AUDIO_CONFERENCING,

	/** Dial-in is not enabled for the organizer's account (Google Meet on a Google Workspace account). */
	DIAL_IN_NOT_ENABLED,

	/** The meeting's audio is computer audio only, or no dial-in countries are set (Zoom, Webex, GoToMeeting). */
	COMPUTER_AUDIO_ONLY,

	/** The provider gave no numbers and no reason. */
	NOT_GIVEN;

	/**
	 * The reason a stored value names: a constant's name, or — for meetings created before reasons
	 * were codes — the adapter's English sentence of that time.
	 */
	public static NoDialIn of(String stored) {
		for (NoDialIn r : values()) {
			if (r.name().equals(stored)) {
				return r;
			}
		}
		String s = stored.toLowerCase(java.util.Locale.ROOT);
		if (s.contains("audio conferencing")) {
			return NO_AUDIO_CONFERENCING;
		}
		if (s.contains("not enabled")) {
			return DIAL_IN_NOT_ENABLED;
		}
		return s.contains("computer audio") ? COMPUTER_AUDIO_ONLY : NOT_GIVEN;
	}

}
