package dev.assent.provisioning;

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
class ScimController {

	private final ScimUsers users;

	private final ScimGroups groups;

	ScimController(ScimUsers users, ScimGroups groups) {
		this.users = users;
		this.groups = groups;
	}

	@GetMapping("/Users")
	ResponseEntity<String> users(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String filter,
			@RequestParam(defaultValue = "1") int startIndex, @RequestParam(defaultValue = "100") int count) {
		return ScimJson.ok(users.list(tenant.companyId(), filter, startIndex, count));
	}

	@GetMapping("/Users/{id}")
	ResponseEntity<String> user(@AuthenticationPrincipal Tenant tenant, @PathVariable String id) {
		return ScimJson.ok(users.get(tenant.companyId(), id));
	}

	@PostMapping("/Users")
	ResponseEntity<String> createUser(@AuthenticationPrincipal Tenant tenant, @RequestBody String body) {
		return ScimJson.created(users.create(tenant.companyId(), ScimJson.read(body)));
	}

	@PutMapping("/Users/{id}")
	ResponseEntity<String> replaceUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(users.replace(tenant.companyId(), id, ScimJson.read(body)));
	}

	@PatchMapping("/Users/{id}")
	ResponseEntity<String> patchUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(users.patch(tenant.companyId(), id, ScimJson.read(body)));
	}

	@DeleteMapping("/Users/{id}")
	ResponseEntity<Void> deleteUser(@AuthenticationPrincipal Tenant tenant, @PathVariable String id) {
		users.delete(tenant.companyId(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/Groups")
	ResponseEntity<String> groups(@AuthenticationPrincipal Tenant tenant,
			@RequestParam(required = false) @Nullable String filter, @RequestParam(defaultValue = "1") int startIndex,
			@RequestParam(defaultValue = "100") int count,
			@RequestParam(required = false) @Nullable String excludedAttributes) {
		return ScimJson.ok(groups.list(tenant.companyId(), filter, startIndex, count, !excludesMembers(excludedAttributes)));
	}

	@GetMapping("/Groups/{id}")
	ResponseEntity<String> group(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestParam(required = false) @Nullable String excludedAttributes) {
		return ScimJson.ok(groups.get(tenant.companyId(), id, !excludesMembers(excludedAttributes)));
	}

	@PostMapping("/Groups")
	ResponseEntity<String> createGroup(@AuthenticationPrincipal Tenant tenant, @RequestBody String body) {
		return ScimJson.created(groups.create(tenant.companyId(), ScimJson.read(body)));
	}

	@PutMapping("/Groups/{id}")
	ResponseEntity<String> replaceGroup(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		return ScimJson.ok(groups.replace(tenant.companyId(), id, ScimJson.read(body)));
	}

	/** Answers 200 with the group (RFC 7644 §3.5.2; Okta and Entra accept it, as they accept 204). */
	@PatchMapping("/Groups/{id}")
	ResponseEntity<String> patchGroup(@AuthenticationPrincipal Tenant tenant, @PathVariable String id,
			@RequestBody String body) {
		groups.patch(tenant.companyId(), id, ScimJson.read(body));
		return ScimJson.ok(groups.get(tenant.companyId(), id, true));
	}

	@DeleteMapping("/Groups/{id}")
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
