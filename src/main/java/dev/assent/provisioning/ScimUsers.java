package dev.assent.provisioning;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberChanges;
import dev.assent.accounts.MemberDraft;
import dev.assent.accounts.MemberFilter;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Role;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.NotFound;

/**
 * SCIM Users are team members (PRODUCT J1). {@code userName} is the member's email (Assent signs
 * people in by email); the consent profile is the extension attribute {@code consentProfile}
 * (a profile name): absent means the member's team's profile or the company's default (P2, P3).
 */
@Service
class ScimUsers {

	static final int MAX_RESULTS = 200;

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ConsentProfileCatalog profiles;

	private final BaseUrl baseUrl;

	ScimUsers(MemberManagement members, TeamManagement teamManagement, ConsentProfileCatalog profiles,
			BaseUrl baseUrl) {
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.baseUrl = baseUrl;
	}

	ObjectNode list(UUID companyId, @Nullable String filter, int startIndex, int count) {
		MemberFilter where = ScimUserFilters.parse(filter);
		int start = Math.max(1, startIndex);
		int size = Math.max(0, Math.min(MAX_RESULTS, count));
		List<Member> page = size == 0 ? List.of() : members.find(companyId, where, start - 1, size);
		// A page that is not full ends the results: no count then (a userName or id lookup never counts).
		long total = !page.isEmpty() && page.size() < size || page.isEmpty() && start == 1 && size > 0
				? start - 1 + page.size() : members.count(companyId, where);
		Resources r = resources(companyId);
		ObjectNode list = ScimJson.object();
		list.putArray("schemas").add(ScimJson.LIST);
		list.put("totalResults", total);
		list.put("startIndex", start);
		list.put("itemsPerPage", page.size());
		ArrayNode items = list.putArray("Resources");
		page.forEach(m -> items.add(r.user(m)));
		return list;
	}

	ObjectNode get(UUID companyId, String id) {
		return resources(companyId).user(member(companyId, id));
	}

	@Transactional
	ObjectNode create(UUID companyId, ObjectNode body) {
		Input in = Input.of(body, null);
		UUID profile = profileId(companyId, in.consentProfile());
		Member created = members.create(companyId, new MemberDraft(Objects.requireNonNull(in.name()),
				Objects.requireNonNull(in.email()), null, null, null, Role.MEMBER, null, profile, null, in.externalId(),
				null));
		if (Boolean.FALSE.equals(in.active())) {
			created = members.update(companyId, created.id(), new MemberChanges(null, null, null, null, null, null,
					null, false, null, null, null, Set.of()));
		}
		return resources(companyId).user(created);
	}

	@Transactional
	ObjectNode replace(UUID companyId, String id, ObjectNode body) {
		Member m = member(companyId, id);
		Input in = Input.of(body, null);
		return apply(companyId, m, in, true);
	}

	@Transactional
	ObjectNode patch(UUID companyId, String id, ObjectNode body) {
		Member m = member(companyId, id);
		ObjectNode before = resources(companyId).user(m);
		ObjectNode after = before.deepCopy();
		try {
			ScimPatches.parse(body).apply(new GenericScimResource(after));
		}
		catch (ScimException ex) {
			throw new ScimProblem(ex.getScimError().getStatus(), Objects.requireNonNullElse(ex.getScimError().getScimType(), ""),
					Objects.requireNonNullElse(ex.getScimError().getDetail(), "The patch cannot be applied."));
		}
		return apply(companyId, m, Input.of(after, before), false);
	}

	/** Deprovisioning keeps the member's history (decisions, calls): the member is deactivated. */
	@Transactional
	void delete(UUID companyId, String id) {
		Member m = member(companyId, id);
		members.update(companyId, m.id(), new MemberChanges(null, null, null, null, null, null, null, false, null,
				null, null, Set.of()));
	}

	private ObjectNode apply(UUID companyId, Member m, Input in, boolean replace) {
		Set<String> cleared = new HashSet<>();
		UUID profile = null;
		if (in.consentProfileSet() || replace) {
			profile = profileId(companyId, in.consentProfile());
			if (profile == null) {
				cleared.add("consentProfileId");
			}
		}
		String externalId = in.externalId();
		if ((in.externalIdSet() || replace) && externalId == null) {
			cleared.add("externalId");
		}
		Member updated = members.update(companyId, m.id(), new MemberChanges(in.name(), in.email(), null, null, null,
				null, null, in.active(), profile, null, externalId, cleared));
		return resources(companyId).user(updated);
	}

	private @Nullable UUID profileId(UUID companyId, @Nullable String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		return profiles.findByName(companyId, name.strip())
			.orElseThrow(() -> ScimProblem.invalidValue("consentProfile: no consent profile named '" + name + "'"));
	}

	private Member member(UUID companyId, String id) {
		try {
			return members.get(companyId, UUID.fromString(id));
		}
		catch (IllegalArgumentException | NotFound ex) {
			throw ScimProblem.notFound("User " + id);
		}
	}

	private Resources resources(UUID companyId) {
		return new Resources(companyId);
	}

	/**
	 * What a company's users look like in SCIM. The company's teams and profile names are read at
	 * most once per request, and only when a member shown is in a team or has a profile of their own.
	 */
	private final class Resources {

		private final UUID companyId;

		/** Read once per request: every resource on a page carries links. */
		private final String base = baseUrl.get();

		private @Nullable Map<UUID, Team> teams;

		private @Nullable Map<UUID, String> profileNames;

		Resources(UUID companyId) {
			this.companyId = companyId;
		}

		private @Nullable Team team(UUID id) {
			if (teams == null) {
				teams = teamManagement.all(companyId).stream().collect(Collectors.toMap(Team::id, Function.identity()));
			}
			return teams.get(id);
		}

		private @Nullable String profileName(UUID id) {
			if (profileNames == null) {
				profileNames = profiles.names(companyId);
			}
			return profileNames.get(id);
		}

		ObjectNode user(Member m) {
			ObjectNode n = ScimJson.object();
			ArrayNode schemas = n.putArray("schemas").add(ScimJson.USER);
			n.put("id", m.id().toString());
			if (m.externalId() != null) {
				n.put("externalId", m.externalId());
			}
			n.put("userName", m.email());
			ObjectNode name = n.putObject("name");
			name.put("formatted", m.name());
			int space = m.name().lastIndexOf(' ');
			name.put("givenName", space > 0 ? m.name().substring(0, space) : m.name());
			if (space > 0) {
				name.put("familyName", m.name().substring(space + 1));
			}
			n.put("displayName", m.name());
			ObjectNode email = n.putArray("emails").addObject();
			email.put("value", m.email());
			email.put("type", "work");
			email.put("primary", true);
			n.put("active", m.active());
			Team team = m.teamId() == null ? null : team(m.teamId());
			if (team != null) {
				ObjectNode group = n.putArray("groups").addObject();
				group.put("value", team.id().toString());
				group.put("display", team.name());
				group.put("$ref", base + "/scim/v2/Groups/" + team.id());
			}
			String profile = m.consentProfileId() == null ? null : profileName(m.consentProfileId());
			if (profile != null) {
				schemas.add(ScimJson.ASSENT_USER);
				n.putObject(ScimJson.ASSENT_USER).put("consentProfile", profile);
			}
			ObjectNode meta = n.putObject("meta");
			meta.put("resourceType", "User");
			meta.put("created", m.createdAt().toString());
			meta.put("lastModified", m.updatedAt().toString());
			meta.put("location", base + "/scim/v2/Users/" + m.id());
			return n;
		}

	}

	/**
	 * The member fields a SCIM User carries. With {@code before} (a PATCH), a field is set only when
	 * the patch changed it, and the name follows whichever of its forms changed.
	 */
	record Input(@Nullable String name, @Nullable String email, @Nullable String externalId, boolean externalIdSet,
			@Nullable Boolean active, @Nullable String consentProfile, boolean consentProfileSet) {

		static Input of(ObjectNode n, @Nullable ObjectNode before) {
			String userName = ScimJson.text(n, "userName");
			if (before == null && (userName == null || userName.isBlank())) {
				throw ScimProblem.invalidValue("userName is required");
			}
			String formatted = ScimJson.text(n, "name", "formatted");
			String given = ScimJson.text(n, "name", "givenName");
			String family = ScimJson.text(n, "name", "familyName");
			String display = ScimJson.text(n, "displayName");
			String joined = join(given, family);
			String mail = email(n);
			String name;
			String email;
			if (before == null) {
				name = first(formatted, joined, display, userName);
				email = first(mail, userName);
			}
			else {
				name = changed(n, before, "name", "formatted") ? formatted
						: changed(n, before, "name", "givenName") || changed(n, before, "name", "familyName") ? joined
								: changed(n, before, "displayName") ? display : null;
				email = !Objects.equals(mail, email(before)) ? mail
						: changed(n, before, "userName") ? userName : null;
			}
			String externalId = ScimJson.text(n, "externalId");
			boolean externalIdSet = before == null || changed(n, before, "externalId");
			Boolean active = active(n.get("active"));
			if (before != null && Objects.equals(active, active(before.get("active")))) {
				active = null;
			}
			String profile = consentProfile(n);
			boolean profileSet = before == null || !Objects.equals(profile, consentProfile(before));
			return new Input(name, email, externalId, externalIdSet, active, profile, profileSet);
		}

		private static boolean changed(JsonNode n, JsonNode before, String... path) {
			return !Objects.equals(ScimJson.text(n, path), ScimJson.text(before, path));
		}

		/** The primary email, else the work email, else the first. */
		private static @Nullable String email(JsonNode n) {
			JsonNode emails = n.get("emails");
			if (emails == null || !emails.isArray() || emails.isEmpty()) {
				return null;
			}
			JsonNode chosen = null;
			for (JsonNode e : emails) {
				if (e.path("primary").asBoolean(false) || "true".equalsIgnoreCase(e.path("primary").asText())) {
					chosen = e;
					break;
				}
			}
			if (chosen == null) {
				for (JsonNode e : emails) {
					if ("work".equalsIgnoreCase(e.path("type").asText())) {
						chosen = e;
						break;
					}
				}
			}
			return ScimJson.text(chosen == null ? emails.get(0) : chosen, "value");
		}

		/** Entra sends {@code "False"} as text in PATCH; Okta and the RFC a boolean. */
		private static @Nullable Boolean active(@Nullable JsonNode active) {
			if (active == null || active.isNull() || active.isMissingNode()) {
				return null;
			}
			if (active.isBoolean()) {
				return active.booleanValue();
			}
			if (active.isTextual() && (active.asText().equalsIgnoreCase("true") || active.asText().equalsIgnoreCase("false"))) {
				return Boolean.parseBoolean(active.asText().toLowerCase(java.util.Locale.ROOT));
			}
			throw ScimProblem.invalidValue("active must be true or false");
		}

		private static @Nullable String consentProfile(JsonNode n) {
			String nested = ScimJson.text(n, ScimJson.ASSENT_USER, "consentProfile");
			return nested != null ? nested : ScimJson.text(n, ScimJson.ASSENT_USER + ":consentProfile");
		}

		private static @Nullable String join(@Nullable String given, @Nullable String family) {
			String joined = ((given == null ? "" : given.strip()) + " " + (family == null ? "" : family.strip())).strip();
			return joined.isEmpty() ? null : joined;
		}

		private static @Nullable String first(@Nullable String... values) {
			for (String v : values) {
				if (v != null && !v.isBlank()) {
					return v.strip();
				}
			}
			return null;
		}

	}

}
