package dev.assent.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * Teams of a company (PRODUCT T3): their names, the consent profile their members get unless they
 * have their own (P3), and who is in them — a member belongs to one team at most. Every method takes
 * the caller's company id and never sees another company's rows.
 */
@Service
public class TeamManagement {

	private final Teams teams;

	private final Members members;

	private final ConsentProfileCatalog profiles;

	private final ConfigChanges changes;

	private final Clock clock;

	TeamManagement(Teams teams, Members members, ConsentProfileCatalog profiles, ConfigChanges changes, Clock clock) {
		this.teams = teams;
		this.members = members;
		this.profiles = profiles;
		this.changes = changes;
		this.clock = clock;
	}

	/** The company's teams. */
	public List<Team> all(UUID companyId) {
		return teams.findAll(companyId);
	}

	/** The team; a 404 when the company has no such team. */
	public Team get(UUID companyId, UUID teamId) {
		return teams.findById(companyId, teamId).orElseThrow(() -> NotFound.coded("notFound.team"));
	}

	public Optional<Team> findByName(UUID companyId, String name) {
		return teams.findByName(companyId, name);
	}

	/** A new team with a unique name (409 when taken) and optionally its consent profile. */
	@Transactional
	public Team create(UUID companyId, String name, @Nullable UUID consentProfileId) {
		String clean = MemberManagement.requireName(name);
		if (teams.findByName(companyId, clean).isPresent()) {
			throw Conflict.coded("conflict.team.name", clean);
		}
		Team team = new Team(UUID.randomUUID(), companyId, clean, profiles.require(companyId, consentProfileId));
		teams.insert(team, Instant.now(clock));
		changes.changed(companyId);
		return team;
	}

	/** Renames the team (unless {@code name} is null) and sets or clears its consent profile. */
	@Transactional
	public Team update(UUID companyId, UUID teamId, @Nullable String name, @Nullable UUID consentProfileId,
			boolean clearProfile) {
		Team team = get(companyId, teamId);
		String newName = team.name();
		if (name != null && !name.strip().equalsIgnoreCase(team.name())) {
			newName = MemberManagement.requireName(name);
			if (teams.findByName(companyId, newName).isPresent()) {
				throw Conflict.coded("conflict.team.name", newName);
			}
		}
		UUID profile = clearProfile ? null
				: consentProfileId != null ? profiles.require(companyId, consentProfileId) : team.consentProfileId();
		Team updated = new Team(teamId, companyId, newName, profile);
		teams.update(updated);
		changes.changed(companyId);
		return updated;
	}

	/** The members of a team. */
	public List<Member> members(UUID companyId, UUID teamId) {
		return members.find(companyId, new MemberFilter.Compare(MemberFilter.Attribute.TEAM_ID, MemberFilter.Operator.EQ,
				teamId), 0, Integer.MAX_VALUE);
	}

	/**
	 * Moves these members into the team (a member belongs to one team: one in another team moves).
	 * Ids that are not members of this company are refused.
	 */
	@Transactional
	public void add(UUID companyId, UUID teamId, Collection<UUID> memberIds) {
		get(companyId, teamId);
		requireMembers(companyId, memberIds);
		members.setTeam(companyId, memberIds, teamId, Instant.now(clock));
		changes.changed(companyId);
	}

	/** Takes these members out of the team (members of other teams stay where they are). */
	@Transactional
	public void remove(UUID companyId, UUID teamId, Collection<UUID> memberIds) {
		get(companyId, teamId);
		List<UUID> inTeam = memberIds.stream()
			.filter(id -> members.findById(companyId, id).map(m -> teamId.equals(m.teamId())).orElse(false))
			.toList();
		members.setTeam(companyId, inTeam, null, Instant.now(clock));
		changes.changed(companyId);
	}

	/** Makes exactly these members the team's members. */
	@Transactional
	public void replaceMembers(UUID companyId, UUID teamId, Collection<UUID> memberIds) {
		get(companyId, teamId);
		requireMembers(companyId, memberIds);
		Instant now = Instant.now(clock);
		members.clearTeam(companyId, teamId, memberIds, now);
		members.setTeam(companyId, memberIds, teamId, now);
		changes.changed(companyId);
	}

	/** Deletes a team; its members are left without a team (their own or the default profile applies). */
	@Transactional
	public void delete(UUID companyId, UUID teamId) {
		get(companyId, teamId);
		members.clearTeam(companyId, teamId, List.of(), Instant.now(clock));
		teams.delete(companyId, teamId);
		changes.changed(companyId);
	}

	private void requireMembers(UUID companyId, Collection<UUID> memberIds) {
		for (UUID id : memberIds) {
			if (members.findById(companyId, id).isEmpty()) {
				throw InvalidInput.of("members", "invalid.members.unknown", id);
			}
		}
	}

}
