package dev.assent.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import dev.assent.shared.InvalidInput;

/**
 * Where webhooks may go: {@code https} URLs whose host resolves only to public addresses — not
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), unspecified or multicast — so a subscription cannot make Assent
 * call into its own network. Checked when subscribing and again before every delivery (a DNS name
 * may be pointed elsewhere later). {@code allowPrivate} (a development setting) lifts both rules.
 */
final class WebhookTargets {

	private final boolean allowPrivate;

	WebhookTargets(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/** The URL when it may receive webhooks; else {@link InvalidInput} on {@code url} saying why. */
	URI require(String url) {
		URI uri;
		try {
			uri = URI.create(url == null ? "" : url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("url", "invalid.must-be-an-absolute-https-url");
		}
		if (uri.getHost() == null || uri.getUserInfo() != null
				|| !("https".equals(uri.getScheme()) || (allowPrivate && "http".equals(uri.getScheme())))) {
			throw InvalidInput.of("url", "invalid.must-be-an-absolute-https-url-without-credentials");
		}
		if (allowPrivate) {
			return uri;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			throw InvalidInput.of("url", "invalid.webhook.host-unresolved", uri.getHost());
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				throw InvalidInput.of("url", "invalid.webhook.host-private", uri.getHost());
			}
		}
		return uri;
	}

	static boolean isPublic(InetAddress a) {
		if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
				|| a.isMulticastAddress()) {
			return false;
		}
		byte[] b = a.getAddress();
		if (b.length == 4) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			// 0/8, 100.64/10 (carrier-grade NAT), 192.0.0/24, 198.18/15 (benchmarking), 240/4
			return !(first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
					|| (first == 198 && (second == 18 || second == 19)) || first >= 240);
		}
		// IPv6 unique local fc00::/7; IPv4-mapped addresses are checked as IPv4 by InetAddress already
		return (b[0] & 0xfe) != 0xfc;
	}

}
