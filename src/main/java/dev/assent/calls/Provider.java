package dev.assent.calls;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Meeting providers, recognised from a join link. {@link #supportsOptOut()} says whether a single
 * participant can join without being recorded (PRODUCT C4); for the others, joining is implicit
 * consent.
 */
public enum Provider {

	ZOOM("Zoom", true, "zoom.us", "zoomgov.com"),
	GOOGLE_MEET("Google Meet", true, "meet.google.com"),
	MICROSOFT_TEAMS("Microsoft Teams", true, "teams.microsoft.com", "teams.live.com"),
	WEBEX("Webex", true, "webex.com"),
	GOTOMEETING("GoToMeeting", true, "gotomeeting.com", "gotomeet.me", "meet.goto.com"),
	JOIN_ME("join.me", true, "join.me"),
	AMAZON_CHIME("Amazon Chime", true, "chime.aws", "app.chime.aws"),
	RINGCENTRAL_MEETINGS("RingCentral Meetings", true, "meetings.ringcentral.com"),
	RINGCENTRAL_VIDEO("RingCentral Video", true, "v.ringcentral.com", "video.ringcentral.com"),
	OTHER("your meeting provider", false);

	private final String displayName;

	private final boolean supportsOptOut;

	private final String[] domains;

	Provider(String displayName, boolean supportsOptOut, String... domains) {
		this.displayName = displayName;
		this.supportsOptOut = supportsOptOut;
		this.domains = domains;
	}

	public String displayName() {
		return displayName;
	}

	public boolean supportsOptOut() {
		return supportsOptOut;
	}

	/** The provider's own link domains (subdomains included); none for {@link #OTHER}. */
	public java.util.List<String> domains() {
		return java.util.List.of(domains);
	}

	/** The provider whose domain the link is on, {@link #OTHER} when none matches. */
	public static Provider fromUrl(@Nullable String url) {
		return fromUrl(url, java.util.Map.of());
	}

	/**
	 * As {@link #fromUrl(String)}, also matching extra domains per provider (regional or
	 * self-hosted deployments; see {@code assent.providers.extra-domains}).
	 */
	public static Provider fromUrl(@Nullable String url, java.util.Map<Provider, java.util.List<String>> extraDomains) {
		if (url == null) {
			return OTHER;
		}
		String host;
		try {
			host = URI.create(url.strip()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return OTHER;
		}
		if (host == null) {
			return OTHER;
		}
		host = host.toLowerCase(Locale.ROOT);
		for (Provider p : values()) {
			if (matches(host, java.util.List.of(p.domains)) || matches(host, extraDomains.getOrDefault(p, java.util.List.of()))) {
				return p;
			}
		}
		return OTHER;
	}

	private static boolean matches(String host, java.util.List<String> domains) {
		for (String d : domains) {
			if (host.equals(d) || host.endsWith("." + d)) {
				return true;
			}
		}
		return false;
	}

}
