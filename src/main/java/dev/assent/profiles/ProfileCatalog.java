package dev.assent.profiles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.shared.NotFound;

/** Tells accounts which profiles exist (see {@link ConsentProfileCatalog}). */
@Component
class ProfileCatalog implements ConsentProfileCatalog {

	private final ConsentProfiles profiles;

	ProfileCatalog(ConsentProfiles profiles) {
		this.profiles = profiles;
	}

	@Override
	public Optional<String> name(UUID companyId, UUID profileId) {
		return profiles.findById(companyId, profileId).map(ConsentProfile::name);
	}

	@Override
	public Optional<UUID> findByName(UUID companyId, String name) {
		return profiles.findByName(companyId, name).map(ConsentProfile::id);
	}

	@Override
	public Map<UUID, String> names(UUID companyId) {
		Map<UUID, String> names = new LinkedHashMap<>();
		profiles.findAll(companyId).forEach(p -> names.put(p.id(), p.name()));
		return names;
	}

	@Override
	public UUID defaultProfile(UUID companyId) {
		return profiles.findDefault(companyId).map(ConsentProfile::id).orElseThrow(() -> NotFound.coded("notFound.defaultProfile"));
	}

}
