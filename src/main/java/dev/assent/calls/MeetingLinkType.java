package dev.assent.calls;

/**
 * Which consent link a meeting's invite carries (PRODUCT L1): {@link #STATIC} the owner's
 * personal link (no dial-in); {@link #DYNAMIC} a provider meeting created for the meeting through
 * a connected integration, with its dial-in numbers (L4); {@link #HOST_DECIDES} is a company's
 * choice (the host picks per meeting) — on a meeting itself it means the static link.
 */
public enum MeetingLinkType {

	STATIC, DYNAMIC, HOST_DECIDES

}
