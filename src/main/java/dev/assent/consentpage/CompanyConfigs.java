package dev.assent.consentpage;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.ConfigChanges;

/**
 * What every consent page of a company reads alike — the company, its consent page settings and
 * its profiles and teams — kept per company link name under the configuration generation it was read at
 * ({@link ConfigChanges}). A first view of a member's page then reads only what is the member's own
 * (issue 7: at the top of the hour most views are first views of another member's page, and each
 * read six rows of its company again). A change of the company, its settings, profiles or members
 * moves the generation on, on every node, and the next view reads it all again; while this node
 * cannot hear other nodes' changes nothing kept is used.
 */
@Component
class CompanyConfigs {

	/** More companies than this and the oldest are forgotten all at once (a bound, not a working set). */
	static final int MAX_COMPANIES = 10_000;

	/** A company's configuration as its pages read it, read under {@code generation}. */
	record Config(long generation, Company company, ConsentPageSettings settings, Map<UUID, ConsentProfile> profiles,
			Map<UUID, Team> teams, @Nullable ConsentProfile defaultProfile) {

		/** The profile of a member's page (accounts' rule: their own, their team's, the default); empty if it is gone. */
		Optional<ConsentProfile> profileOf(Member m) {
			if (defaultProfile == null) {
				return Optional.empty();
			}
			Team team = m.teamId() == null ? null : teams.get(m.teamId());
			return Optional.ofNullable(profiles.get(MemberManagement.resolve(m, team, defaultProfile.id()).profileId()));
		}

	}

	private final CompanyManagement companies;

	private final TeamManagement teamManagement;

	private final ProfileManagement profiles;

	private final PageSettings settings;

	private final ConfigChanges changes;

	private final Clock clock;

	private final Map<String, Config> bySlug = new ConcurrentHashMap<>();

	CompanyConfigs(CompanyManagement companies, TeamManagement teamManagement, ProfileManagement profiles,
			PageSettings settings, ConfigChanges changes, Clock clock) {
		this.companies = companies;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.settings = settings;
		this.changes = changes;
		this.clock = clock;
	}

	/** The configuration of the company with this link name; empty when no company has it now. */
	Optional<Config> bySlug(String slug) {
		Config kept = bySlug.get(slug);
		if (kept != null && changes.listening() && changes.generation(kept.company().id()) == kept.generation()) {
			return Optional.of(kept);
		}
		Optional<Company> found = companies.findBySlug(slug);
		if (found.isEmpty()) {
			bySlug.remove(slug);
			return Optional.empty();
		}
		// Captured before reading what the pages show: a change committed after this point makes the
		// configuration read here stale.
		long generation = changes.generation(found.get().id());
		Company company = companies.get(found.get().id());
		if (!company.slug().equals(slug)) {
			// Renamed since it was found: its pages are under the new name.
			bySlug.remove(slug);
			return Optional.of(new Config(generation, company, settings.findOrDefaults(company.id(), Instant.now(clock)),
					Map.of(), Map.of(), null));
		}
		Map<UUID, ConsentProfile> byId = new LinkedHashMap<>();
		ConsentProfile defaultProfile = null;
		for (ConsentProfile p : profiles.list(company.id())) {
			byId.put(p.id(), p);
			if (p.isDefault()) {
				defaultProfile = p;
			}
		}
		Map<UUID, Team> teams = teamManagement.all(company.id())
			.stream()
			.collect(Collectors.toUnmodifiableMap(Team::id, t -> t));
		Config config = new Config(generation, company, settings.findOrDefaults(company.id(), Instant.now(clock)),
				Map.copyOf(byId), teams, defaultProfile);
		if (bySlug.size() >= MAX_COMPANIES) {
			bySlug.clear();
		}
		bySlug.put(slug, config);
		return Optional.of(config);
	}

}
