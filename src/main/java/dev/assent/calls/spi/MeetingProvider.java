package dev.assent.calls.spi;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.assent.calls.Provider;

/**
 * One meeting provider's integration, as calls uses it. Implementations are Spring beans (one per
 * provider, chosen by configuration); calls looks them up by {@link #provider()}, never by
 * if/else over providers. Methods of a capability the adapter does not declare are never called.
 */
public interface MeetingProvider {

	Provider provider();

	Set<ProviderCapability> capabilities();

	/** Whether the company has connected this provider and the connection works as far as known. */
	boolean connected(UUID companyId);

	/**
	 * The member's personal meeting link at the provider (PRODUCT L2), empty when the provider
	 * does not know the member.
	 * @throws ProviderUnavailable when the integration is not connected or the provider fails
	 */
	default Optional<String> personalLink(UUID companyId, String memberEmail) {
		throw new UnsupportedOperationException(provider() + " has no personal-link lookup");
	}

	/**
	 * Creates a provider meeting on the organizer's behalf (PRODUCT L1 dynamic links) with its
	 * dial-in numbers when the account has them (L4).
	 * @throws ProviderUnavailable when the integration is not connected or the provider fails
	 */
	default ProviderMeeting createMeeting(UUID companyId, ProviderMeetingRequest request) {
		throw new UnsupportedOperationException(provider() + " cannot create meetings");
	}

}
