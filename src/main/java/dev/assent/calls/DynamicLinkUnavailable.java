package dev.assent.calls;

import dev.assent.shared.Conflict;

/**
 * A meeting asked for a dynamic link (PRODUCT L1) but no connected provider integration can create
 * it (none connected, disconnected, or the provider refused): never a silent fallback to the static
 * link (L5).
 */
public class DynamicLinkUnavailable extends Conflict {

	public DynamicLinkUnavailable(String message) {
		super(message);
	}

}
