package dev.assent.accounts.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberChanges;
import dev.assent.accounts.MemberDraft;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Role;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.accounts.Tenant;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.PatchBodies;

@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Team members", description = "Members, their teams, roles, personal links and consent profiles (T2, T3, P3)")
class MemberApiController {

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ConsentProfileCatalog profiles;

	private final ConsentLinks links;

	private final BaseUrl baseUrl;

	private final PatchBodies patches;

	MemberApiController(MemberManagement members, TeamManagement teamManagement, ConsentProfileCatalog profiles,
			ConsentLinks links, BaseUrl baseUrl, PatchBodies patches) {
		this.patches = patches;
		this.links = links;
		this.baseUrl = baseUrl;
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
	}

	record ProfileRef(UUID id, String name, ProfileAssignment.Source source) {
	}

	record MemberResource(UUID id, String name, String email, String slug, @Nullable UUID teamId, @Nullable String team,
			@Nullable UUID managerId, Role role, boolean recorded, boolean active, @Nullable UUID consentProfileId,
			ProfileRef consentProfile, @Nullable String personalMeetingUrl, @Nullable String consentLink,
			Instant createdAt, Instant updatedAt) {
	}

	record MemberList(List<MemberResource> items, long total, int page, int size) {
	}

	@GetMapping
	@Operation(summary = "List team members", description = "Filter by free text (name, email, slug, team), team id, or consent profile name or id.")
	MemberList list(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String profile,
			@Parameter(description = "team id or name") @RequestParam(required = false) @Nullable String team,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		UUID teamId = team == null || team.isBlank() ? null : teamId(tenant.companyId(), team);
		MemberPage result = members.search(tenant.companyId(), new MemberQuery(q, teamId, profile, page, size));
		return new MemberList(resources(tenant.companyId(), result.items()), result.total(), result.page(), result.size());
	}

	@GetMapping("/{id}")
	MemberResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return resource(tenant.companyId(), members.get(tenant.companyId(), id));
	}

	@Schema(description = "A new team member; only name and email are required")
	record CreateMember(@Schema(example = "Dana Scully") @NotBlank @Size(max = 200) String name,
			@Schema(example = "dana@acme.example") @NotBlank @Email @Size(max = 320) String email,
			@Schema(description = "the member's part of the consent link; derived from the name when absent", example = "dana")
			@Nullable @Size(max = 48) String slug,
			@Nullable UUID teamId,
			@Schema(description = "team id or name (instead of teamId)", example = "Sales") @Nullable @Size(max = 200) String team,
			@Nullable UUID managerId, @Nullable Role role,
			@Schema(description = "whether the member's calls are recorded (default true: a new member is recorded unless this says false)") @Nullable Boolean recorded,
			@Schema(description = "the member's own consent profile; absent means the team's or the default (P3)")
			@Nullable UUID consentProfileId,
			@Schema(example = "https://us02web.zoom.us/j/81234567890") @Nullable @Size(max = 2000) String personalMeetingUrl,
			@Schema(description = "sign-in password for admins: 12 characters up to 72 bytes") @Nullable String password) {
	}

	@Schema(description = "Fields to change; absent fields stay, null clears teamId, team, managerId, consentProfileId and personalMeetingUrl")
	record MemberPatch(@Nullable @Size(min = 1, max = 200) String name,
			@Nullable @Email @Size(min = 3, max = 320) String email, @Nullable @Size(min = 1, max = 48) String slug,
			@Nullable UUID teamId, @Schema(description = "team id or name") @Nullable @Size(max = 200) String team,
			@Nullable UUID managerId, @Nullable Role role, @Nullable Boolean recorded,
			@Schema(description = "false deactivates the member and ends their sessions") @Nullable Boolean active,
			@Schema(description = "null returns the member to the team's or the default profile") @Nullable UUID consentProfileId,
			@Nullable @Size(max = 2000) String personalMeetingUrl, @Nullable String password) {
	}

	@PostMapping
	@Operation(summary = "Add a team member")
	ResponseEntity<MemberResource> create(@AuthenticationPrincipal Tenant tenant, @Valid @RequestBody CreateMember body) {
		UUID companyId = tenant.companyId();
		MemberDraft draft = new MemberDraft(body.name(), body.email(), body.slug(),
				teamFrom(companyId, body.teamId(), body.team()), body.managerId(), body.role(), body.recorded(),
				body.consentProfileId(), body.personalMeetingUrl(), null, body.password());
		Member created = members.create(companyId, draft);
		return ResponseEntity.created(URI.create("/api/v1/members/" + created.id())).body(resource(companyId, created));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a team member", description = "Absent fields stay; consentProfileId: null returns the member to the team's or default profile.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = MemberPatch.class))))
	MemberResource patch(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @RequestBody JsonNode body) {
		PatchBodies.Patch<MemberPatch> patch = patches.read(body, MemberPatch.class);
		MemberPatch p = patch.value();
		UUID companyId = tenant.companyId();
		members.get(companyId, id);
		Set<String> cleared = new java.util.HashSet<>(patch.cleared(MemberChanges.CLEARABLE));
		if (patch.clears("team")) {
			cleared.add("teamId");
		}
		MemberChanges changes = new MemberChanges(p.name(), p.email(), p.slug(), teamFrom(companyId, p.teamId(), p.team()),
				p.managerId(), p.role(), p.recorded(), p.active(), p.consentProfileId(), p.personalMeetingUrl(), null,
				cleared);
		Member updated = members.update(companyId, id, changes);
		if (p.password() != null) {
			members.setPassword(companyId, id, p.password());
		}
		return resource(companyId, updated);
	}

	private @Nullable UUID teamFrom(UUID companyId, @Nullable UUID teamId, @Nullable String team) {
		return teamId != null ? teamId : team != null ? teamId(companyId, team) : null;
	}

	private UUID teamId(UUID companyId, String team) {
		try {
			return UUID.fromString(team);
		}
		catch (IllegalArgumentException ex) {
			return teamManagement.findByName(companyId, team)
				.map(Team::id)
				.orElseThrow(() -> InvalidInput.of("team", "invalid.member.team-name", team));
		}
	}

	private List<MemberResource> resources(UUID companyId, List<Member> list) {
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(companyId, list);
		Map<UUID, String> profileNames = profiles.names(companyId);
		Map<UUID, String> teamNames = teamNames(companyId);
		Map<UUID, String> consentLinks = links.linksOf(companyId, list, baseUrl());
		return list.stream()
			.map(m -> toResource(m, assignments.get(m.id()), profileNames, teamNames, consentLinks.get(m.id())))
			.toList();
	}

	private MemberResource resource(UUID companyId, Member m) {
		return toResource(m, members.effectiveProfile(companyId, m.id()), profiles.names(companyId), teamNames(companyId),
				links.linksOf(companyId, List.of(m), baseUrl()).get(m.id()));
	}

	private Map<UUID, String> teamNames(UUID companyId) {
		return teamManagement.all(companyId).stream().collect(java.util.stream.Collectors.toMap(Team::id, Team::name));
	}

	private String baseUrl() {
		return baseUrl.get();
	}

	private static MemberResource toResource(Member m, ProfileAssignment a, Map<UUID, String> profileNames,
			Map<UUID, String> teamNames, @Nullable String consentLink) {
		return new MemberResource(m.id(), m.name(), m.email(), m.slug(), m.teamId(),
				m.teamId() == null ? null : teamNames.get(m.teamId()), m.managerId(), m.role(), m.recorded(), m.active(),
				m.consentProfileId(), new ProfileRef(a.profileId(), profileNames.getOrDefault(a.profileId(), "?"), a.source()),
				m.personalMeetingUrl(), consentLink, m.createdAt(), m.updatedAt());
	}

}
