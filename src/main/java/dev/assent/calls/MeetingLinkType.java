package dev.assent.calls;

/**
 * Which consent link a meeting's invite carries (PRODUCT L1). Only {@link #STATIC} is carried
 * out today: {@link #DYNAMIC} and {@link #HOST_DECIDES} are stored as asked, but creating a
 * provider meeting per scheduled meeting comes with the provider integrations; until then such
 * meetings use the owner's static personal link.
 */
public enum MeetingLinkType {

	STATIC, DYNAMIC, HOST_DECIDES

}
