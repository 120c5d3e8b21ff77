package dev.assent.accounts.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
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

import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.accounts.Tenant;
import dev.assent.shared.PatchBodies;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Teams and the consent profile assigned to each (P3)")
class TeamApiController {

	private final TeamManagement teamManagement;

	private final PatchBodies patches;

	TeamApiController(TeamManagement teamManagement, PatchBodies patches) {
		this.teamManagement = teamManagement;
		this.patches = patches;
	}

	record CreateTeam(@Schema(example = "Sales") @NotBlank @Size(max = 200) String name,
			@Schema(description = "the team's consent profile; absent means the company default (P3)")
			@Nullable UUID consentProfileId) {
	}

	@Schema(description = "Absent fields stay; consentProfileId null returns the team to the default profile")
	record TeamPatch(@Nullable @Size(min = 1, max = 200) String name, @Nullable UUID consentProfileId) {
	}

	record TeamList(List<Team> items) {
	}

	@GetMapping
	TeamList list(@AuthenticationPrincipal Tenant tenant) {
		return new TeamList(teamManagement.all(tenant.companyId()));
	}

	@GetMapping("/{id}")
	Team get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return teamManagement.get(tenant.companyId(), id);
	}

	@PostMapping
	ResponseEntity<Team> create(@AuthenticationPrincipal Tenant tenant, @Valid @RequestBody CreateTeam body) {
		Team team = teamManagement.create(tenant.companyId(), body.name(), body.consentProfileId());
		return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
	}

	@PatchMapping("/{id}")
	@Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(schema = @Schema(implementation = TeamPatch.class))))
	Team patch(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @RequestBody JsonNode body) {
		PatchBodies.Patch<TeamPatch> patch = patches.read(body, TeamPatch.class);
		return teamManagement.update(tenant.companyId(), id, patch.value().name(), patch.value().consentProfileId(),
				patch.clears("consentProfileId"));
	}

}
