package dev.assent.accounts.web;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Team;
import dev.assent.accounts.Tenant;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.JsonFields;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Teams and the consent profile assigned to each (P3)")
class TeamApiController {

	private static final Set<String> FIELDS = Set.of("name", "consentProfileId");

	private final MemberManagement members;

	TeamApiController(MemberManagement members) {
		this.members = members;
	}

	record TeamList(List<Team> items) {
	}

	@GetMapping
	TeamList list(@AuthenticationPrincipal Tenant tenant) {
		return new TeamList(members.teams(tenant.companyId()));
	}

	@GetMapping("/{id}")
	Team get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return members.team(tenant.companyId(), id);
	}

	@PostMapping
	ResponseEntity<Team> create(@AuthenticationPrincipal Tenant tenant, @RequestBody JsonNode body) {
		JsonFields f = JsonFields.of(body, FIELDS);
		String name = f.text("name");
		if (name == null) {
			throw new InvalidInput("name", "is required");
		}
		Team team = members.createTeam(tenant.companyId(), name, f.uuid("consentProfileId"));
		return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
	}

	@PatchMapping("/{id}")
	Team patch(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @RequestBody JsonNode body) {
		JsonFields f = JsonFields.of(body, FIELDS);
		return members.updateTeam(tenant.companyId(), id, f.text("name"), f.uuid("consentProfileId"),
				f.isNull("consentProfileId"));
	}

}
