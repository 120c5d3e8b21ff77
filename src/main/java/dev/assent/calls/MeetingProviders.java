package dev.assent.calls;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.calls.spi.MeetingProvider;
import dev.assent.calls.spi.ProviderCapability;

/** The provider integrations present in this deployment (beans implementing {@link MeetingProvider}), by provider. */
@Component
class MeetingProviders {

	private final Map<Provider, MeetingProvider> byProvider = new EnumMap<>(Provider.class);

	MeetingProviders(List<MeetingProvider> adapters) {
		for (MeetingProvider adapter : adapters) {
			if (byProvider.putIfAbsent(adapter.provider(), adapter) != null) {
				throw new IllegalStateException("two integrations for " + adapter.provider());
			}
		}
	}

	Optional<MeetingProvider> of(Provider provider) {
		return Optional.ofNullable(byProvider.get(provider));
	}

	/** The connected integrations of the company that have the capability, in provider order. */
	List<MeetingProvider> connected(UUID companyId, ProviderCapability capability) {
		return byProvider.values()
			.stream()
			.filter(p -> p.capabilities().contains(capability) && p.connected(companyId))
			.toList();
	}

	/** Every integration that has the capability, connected or not. */
	List<MeetingProvider> capableOf(ProviderCapability capability) {
		return byProvider.values().stream().filter(p -> p.capabilities().contains(capability)).toList();
	}

}
