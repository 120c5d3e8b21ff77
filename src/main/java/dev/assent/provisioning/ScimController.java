package dev.assent.provisioning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;

/**
 * {@code /scim/v2/Users} and {@code /scim/v2/Groups} (RFC 7644 §3), for the company whose SCIM
 * token is presented. Bodies are {@code application/scim+json} (plain JSON is accepted too).
 */
@RestController
@RequestMapping("/scim/v2")
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning (RFC 7643/7644) for identity providers, with the SCIM token")
@SecurityRequirement(name = ScimSchemas.TOKEN)
@ApiResponse(responseCode = "401", description = "no or not a valid SCIM token",
		content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
class ScimController {

	private final ScimUsers users;

	private final ScimGroups groups;

	ScimController(ScimUsers users, ScimGroups groups) {
		this.users = users;
		this.groups = groups;
	}

	@GetMapping("/Users")
	@Operation(summary = "Find team members (SCIM Users)", description = "Oldest first; count is capped at 200.")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON,
			schema = @Schema(implementation = ScimSchemas.ListResponse.class)))
	@ApiResponse(responseCode = "400", description = "invalidFilter: the filter is malformed or names an attribute that is not filterable",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> users(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "RFC 7644 §3.4.2.2 filter over id, userName, emails, displayName, name.formatted, externalId, "
					+ "active, groups, meta.created, meta.lastModified (eq ne co sw ew gt ge lt le pr, and or not, [ ])",
					example = "userName eq \"dana@acme.example\"") @RequestParam(required = false) @Nullable String filter,
			@Parameter(description = "1-based index of the first result", example = "1") @RequestParam(defaultValue = "1") int startIndex,
			@Parameter(description = "page size, at most 200", example = "100") @RequestParam(defaultValue = "100") int count) {
		return ScimJson.ok(users.list(tenant.companyId(), filter, startIndex, count));
	}

	@GetMapping("/Users/{id}")
	@Operation(summary = "A team member (SCIM User)")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.User.class)))
	@ApiResponse(responseCode = "404", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> user(@AuthenticationPrincipal Tenant tenant, @PathVariable String id) {
		return ScimJson.ok(users.get(tenant.companyId(), id));
	}

	@PostMapping("/Users")
	@Operation(summary = "Provision a team member", description = "Gets the consentProfile named, else the team's or the default profile (P2, P3).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ScimSchemas.SCIM_JSON,
					schema = @Schema(implementation = ScimSchemas.User.class),
					examples = @ExampleObject(name = "okta", summary = "Okta / Entra create", value = ScimSchemas.USER_EXAMPLE))))
	@ApiResponse(responseCode = "201", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.User.class)))
	@ApiResponse(responseCode = "400", description = "invalidSyntax or invalidValue (e.g. an unknown consentProfile)",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	@ApiResponse(responseCode = "409", description = "uniqueness: the userName is taken",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> createUser(@AuthenticationPrincipal Tenant tenant, @RequestBody String body) {
		return ScimJson.created(users.create(tenant.companyId(), ScimJson.read(body)));
	}

	@PutMapping("/Users/{id}")
	@Operation(summary = "Replace a team member's SCIM attributes", description = "Absent externalId and consentProfile are cleared.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ScimSchemas.SCIM_JSON,
					schema = @Schema(implementation = ScimSchemas.User.class),
					examples = @ExampleObject(name = "replace", value = ScimSchemas.USER_EXAMPLE))))
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.User.class)))
	ResponseEntity<String> replaceUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(users.replace(tenant.companyId(), id, ScimJson.read(body)));
	}

	@PatchMapping("/Users/{id}")
	@Operation(summary = "Change a team member (SCIM PATCH)", description = "active=false deactivates the member and ends their sessions.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ScimSchemas.SCIM_JSON,
					schema = @Schema(implementation = ScimSchemas.PatchOp.class),
					examples = { @ExampleObject(name = "okta-deactivate", summary = "Okta: deactivate", value = ScimSchemas.OKTA_DEACTIVATE),
							@ExampleObject(name = "entra", summary = "Entra: deactivate and set the consent profile", value = ScimSchemas.ENTRA_PATCH) })))
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.User.class)))
	@ApiResponse(responseCode = "400", description = "invalidPath, invalidValue, noTarget",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> patchUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(users.patch(tenant.companyId(), id, ScimJson.read(body)));
	}

	@DeleteMapping("/Users/{id}")
	@Operation(summary = "Deprovision a team member", description = "The member is deactivated; their decisions and calls stay.")
	@ApiResponse(responseCode = "204", description = "deactivated")
	ResponseEntity<Void> deleteUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id) {
		users.delete(tenant.companyId(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/Groups")
	@Operation(summary = "Find teams (SCIM Groups)")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON,
			schema = @Schema(implementation = ScimSchemas.ListResponse.class)))
	@ApiResponse(responseCode = "400", description = "invalidFilter",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> groups(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "RFC 7644 §3.4.2.2 filter over the group's attributes", example = "displayName eq \"Sales\"")
			@RequestParam(required = false) @Nullable String filter, @RequestParam(defaultValue = "1") int startIndex,
			@RequestParam(defaultValue = "100") int count,
			@RequestParam(required = false) @Nullable String excludedAttributes) {
		return ScimJson.ok(groups.list(tenant.companyId(), filter, startIndex, count, !excludesMembers(excludedAttributes)));
	}

	@GetMapping("/Groups/{id}")
	@Operation(summary = "A team (SCIM Group)")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class)))
	@ApiResponse(responseCode = "404", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> group(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestParam(required = false) @Nullable String excludedAttributes) {
		return ScimJson.ok(groups.get(tenant.companyId(), id, !excludesMembers(excludedAttributes)));
	}

	@PostMapping("/Groups")
	@Operation(summary = "Create a team", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class),
					examples = @ExampleObject(name = "group", value = ScimSchemas.GROUP_EXAMPLE))))
	@ApiResponse(responseCode = "201", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class)))
	@ApiResponse(responseCode = "409", description = "uniqueness: a team has that name",
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> createGroup(@AuthenticationPrincipal Tenant tenant, @RequestBody String body) {
		return ScimJson.created(groups.create(tenant.companyId(), ScimJson.read(body)));
	}

	@PutMapping("/Groups/{id}")
	@Operation(summary = "Replace a team's name and members", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class),
					examples = @ExampleObject(name = "group", value = ScimSchemas.GROUP_EXAMPLE))))
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class)))
	ResponseEntity<String> replaceGroup(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(groups.replace(tenant.companyId(), id, ScimJson.read(body)));
	}

	/** Answers 200 with the group (RFC 7644 §3.5.2; Okta and Entra accept it, as they accept 204). */
	@PatchMapping("/Groups/{id}")
	@Operation(summary = "Rename a team or add and remove members (SCIM PATCH)",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ScimSchemas.SCIM_JSON,
					schema = @Schema(implementation = ScimSchemas.PatchOp.class),
					examples = { @ExampleObject(name = "okta-add", summary = "Okta: add a member", value = ScimSchemas.OKTA_GROUP_PATCH),
							@ExampleObject(name = "entra-remove", summary = "Entra: remove a member", value = ScimSchemas.ENTRA_GROUP_PATCH) })))
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Group.class)))
	ResponseEntity<String> patchGroup(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		groups.patch(tenant.companyId(), id, ScimJson.read(body));
		return ScimJson.ok(groups.get(tenant.companyId(), id, true));
	}

	@DeleteMapping("/Groups/{id}")
	@Operation(summary = "Delete a team", description = "Its members stay, without a team.")
	@ApiResponse(responseCode = "204", description = "deleted")
	ResponseEntity<Void> deleteGroup(@AuthenticationPrincipal Tenant tenant, @PathVariable String id) {
		groups.delete(tenant.companyId(), id);
		return ResponseEntity.noContent().build();
	}

	private static boolean excludesMembers(@Nullable String excluded) {
		if (excluded == null) {
			return false;
		}
		for (String a : excluded.split(",")) {
			if (a.strip().equalsIgnoreCase("members")) {
				return true;
			}
		}
		return false;
	}

}
