package dev.assent.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Member;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.NotFound;

/**
 * SCIM Groups are teams (PRODUCT J1, P3: a team's consent profile applies to its members). An
 * Assent member belongs to one team, so adding a user to a group moves them from their previous one.
 */
@Service
class ScimGroups {

	private final TeamManagement teamManagement;

	private final BaseUrl baseUrl;

	ScimGroups(TeamManagement teamManagement, BaseUrl baseUrl) {
		this.teamManagement = teamManagement;
		this.baseUrl = baseUrl;
	}

	ObjectNode list(UUID companyId, @Nullable String filter, int startIndex, int count, boolean withMembers) {
		Filter parsed = null;
		if (filter != null && !filter.isBlank()) {
			try {
				parsed = Filter.fromString(filter);
			}
			catch (BadRequestException ex) {
				throw ScimProblem.invalidFilter("The filter is malformed: " + ex.getMessage());
			}
		}
		List<ObjectNode> matching = new ArrayList<>();
		for (Team team : teamManagement.all(companyId)) {
			boolean needsMembers = withMembers || (parsed != null && parsed.toString().toLowerCase().contains("members"));
			ObjectNode group = group(companyId, team, needsMembers);
			try {
				if (parsed == null || FilterEvaluator.evaluate(parsed, group)) {
					if (!withMembers) {
						group.remove("members");
					}
					matching.add(group);
				}
			}
			catch (ScimException ex) {
				throw ScimProblem.invalidFilter(ex.getMessage());
			}
		}
		int start = Math.max(1, startIndex);
		int size = Math.max(0, Math.min(ScimUsers.MAX_RESULTS, count));
		List<ObjectNode> page = matching.subList(Math.min(matching.size(), start - 1),
				Math.min(matching.size(), start - 1 + size));
		ObjectNode list = ScimJson.object();
		list.putArray("schemas").add(ScimJson.LIST);
		list.put("totalResults", matching.size());
		list.put("startIndex", start);
		list.put("itemsPerPage", page.size());
		ArrayNode items = list.putArray("Resources");
		page.forEach(items::add);
		return list;
	}

	ObjectNode get(UUID companyId, String id, boolean withMembers) {
		return group(companyId, team(companyId, id), withMembers);
	}

	@Transactional
	ObjectNode create(UUID companyId, ObjectNode body) {
		String name = ScimJson.text(body, "displayName");
		if (name == null || name.isBlank()) {
			throw ScimProblem.invalidValue("displayName is required");
		}
		Team team = teamManagement.create(companyId, name, null);
		List<UUID> ids = memberIds(body.get("members"));
		if (!ids.isEmpty()) {
			teamManagement.add(companyId, team.id(), ids);
		}
		return group(companyId, team, true);
	}

	@Transactional
	ObjectNode replace(UUID companyId, String id, ObjectNode body) {
		Team team = team(companyId, id);
		String name = ScimJson.text(body, "displayName");
		if (name == null || name.isBlank()) {
			throw ScimProblem.invalidValue("displayName is required");
		}
		teamManagement.update(companyId, team.id(), name, null, false);
		teamManagement.replaceMembers(companyId, team.id(), memberIds(body.get("members")));
		return group(companyId, teamManagement.get(companyId, team.id()), true);
	}

	/**
	 * Okta: {@code add}/{@code remove} with path {@code members} or {@code members[value eq "…"]},
	 * {@code replace} of {@code displayName} with or without a path. Entra: the same capitalised,
	 * and {@code Remove} with path {@code members} and a value listing whom to remove.
	 */
	@Transactional
	void patch(UUID companyId, String id, ObjectNode body) {
		Team team = team(companyId, id);
		for (ObjectNode op : ScimPatches.operations(body)) {
			String name = op.get("op").asText();
			String path = ScimJson.text(op, "path");
			JsonNode value = op.get("value");
			String attribute = attribute(path);
			switch (attribute) {
				case "displayname" -> {
					if (name.equals("remove") || value == null || !value.isTextual() || value.asText().isBlank()) {
						throw ScimProblem.invalidValue("displayName must be a non-empty string");
					}
					teamManagement.update(companyId, team.id(), value.asText(), null, false);
				}
				case "members" -> members(companyId, team.id(), name, path, value);
				case "externalid", "id", "schemas", "meta" -> {
					// Assent keeps no external id for teams; ids and metadata are read-only.
				}
				default -> throw new ScimProblem(400, "noTarget", "Groups have no attribute '" + path + "'");
			}
		}
	}

	@Transactional
	void delete(UUID companyId, String id) {
		teamManagement.delete(companyId, team(companyId, id).id());
	}

	private void members(UUID companyId, UUID teamId, String op, String path, @Nullable JsonNode value) {
		Path parsed = path(path);
		Filter selector = parsed.size() > 0 ? parsed.getElement(0).getValueFilter() : null;
		if (selector != null) {
			// members[value eq "…"]: the members that filter selects, out of the team's members.
			if (!op.equals("remove")) {
				throw new ScimProblem(400, "invalidPath", "Only remove may select members with a filter");
			}
			List<UUID> selected = new ArrayList<>();
			for (Member m : teamManagement.members(companyId, teamId)) {
				ObjectNode candidate = ScimJson.object();
				candidate.put("value", m.id().toString());
				candidate.put("display", m.name());
				try {
					if (FilterEvaluator.evaluate(selector, candidate)) {
						selected.add(m.id());
					}
				}
				catch (ScimException ex) {
					throw ScimProblem.invalidFilter(ex.getMessage());
				}
			}
			teamManagement.remove(companyId, teamId, selected);
			return;
		}
		List<UUID> ids = memberIds(value);
		switch (op) {
			case "add" -> teamManagement.add(companyId, teamId, ids);
			case "replace" -> teamManagement.replaceMembers(companyId, teamId, ids);
			default -> {
				if (value == null) {
					teamManagement.replaceMembers(companyId, teamId, List.of());
				}
				else {
					teamManagement.remove(companyId, teamId, ids);
				}
			}
		}
	}

	private static String attribute(@Nullable String path) {
		if (path == null) {
			throw new ScimProblem(400, "noTarget", "The operation needs a path or a value object");
		}
		Path parsed = path(path);
		if (parsed.getSchemaUrn() != null && !parsed.getSchemaUrn().equalsIgnoreCase(ScimJson.GROUP)) {
			throw new ScimProblem(400, "noTarget", "Groups have no attribute '" + path + "'");
		}
		return parsed.size() == 0 ? "" : parsed.getElement(0).getAttribute().toLowerCase(java.util.Locale.ROOT);
	}

	private static Path path(String path) {
		try {
			return Path.fromString(path);
		}
		catch (BadRequestException ex) {
			throw new ScimProblem(400, "invalidPath", "The path '" + path + "' is malformed");
		}
	}

	/** The member ids in a {@code members} value: an array of {@code {"value": id}} or one such object. */
	private static List<UUID> memberIds(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		Set<UUID> ids = new LinkedHashSet<>();
		Iterable<JsonNode> all = value.isArray() ? value : List.of(value);
		for (JsonNode member : all) {
			String id = ScimJson.text(member, "value");
			try {
				ids.add(UUID.fromString(id == null ? "" : id));
			}
			catch (IllegalArgumentException ex) {
				throw ScimProblem.invalidValue("members: '" + id + "' is not a user id");
			}
		}
		return List.copyOf(ids);
	}

	private Team team(UUID companyId, String id) {
		try {
			return teamManagement.get(companyId, UUID.fromString(id));
		}
		catch (IllegalArgumentException | NotFound ex) {
			throw ScimProblem.notFound("Group " + id);
		}
	}

	private ObjectNode group(UUID companyId, Team team, boolean withMembers) {
		ObjectNode n = ScimJson.object();
		n.putArray("schemas").add(ScimJson.GROUP);
		n.put("id", team.id().toString());
		n.put("displayName", team.name());
		if (withMembers) {
			ArrayNode list = n.putArray("members");
			for (Member m : teamManagement.members(companyId, team.id())) {
				ObjectNode member = list.addObject();
				member.put("value", m.id().toString());
				member.put("display", m.name());
				member.put("type", "User");
				member.put("$ref", baseUrl.with("/scim/v2/Users/" + m.id()));
			}
		}
		ObjectNode meta = n.putObject("meta");
		meta.put("resourceType", "Group");
		meta.put("location", baseUrl.with("/scim/v2/Groups/" + team.id()));
		return n;
	}

}
