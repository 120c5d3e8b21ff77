package dev.assent.calls;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How the participants of calls decided (PRODUCT D7, R3): a port this module declares and the
 * module that keeps decisions implements, so that calls depends on neither.
 */
public interface ConsentCounts {

	/** Per call id (absent: nobody decided): participants whose governing decision consents or opts out. */
	Map<UUID, Tally> tally(UUID companyId, Collection<UUID> callIds);

	/**
	 * @param consented participants whose governing decision is consent (explicit or implicit)
	 * @param optedOut participants whose governing decision is an opt-out
	 */
	record Tally(int consented, int optedOut) {

		public static final Tally NONE = new Tally(0, 0);

	}

}
