package dev.assent.profiles.web;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.profiles.ProfileManagement;
import dev.assent.profiles.ProfileSettings;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.JsonFields;

@RestController
@RequestMapping("/api/v1/consent-profiles")
@Tag(name = "Consent profiles", description = "Named bundles of consent settings (P1–P6)")
class ProfileApiController {

	private static final Set<String> FIELDS = Set.of("name", "consentPage", "participantChoice", "audioPromptId",
			"preCallEmailMinutes", "languages", "noticeHtml");

	private final ProfileManagement profiles;

	ProfileApiController(ProfileManagement profiles) {
		this.profiles = profiles;
	}

	record ProfileList(List<ConsentProfile> items) {
	}

	@GetMapping
	ProfileList list(@AuthenticationPrincipal Tenant tenant) {
		return new ProfileList(profiles.list(tenant.companyId()));
	}

	@GetMapping("/{id}")
	ConsentProfile get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return profiles.get(tenant.companyId(), id);
	}

	@PostMapping
	@Operation(summary = "Create a consent profile")
	ResponseEntity<ConsentProfile> create(@AuthenticationPrincipal Tenant tenant, @RequestBody JsonNode body) {
		ProfileSettings settings = settings(JsonFields.of(body, FIELDS));
		if (settings.name() == null) {
			throw new InvalidInput("name", "is required");
		}
		ConsentProfile created = profiles.create(tenant.companyId(), settings);
		return ResponseEntity.created(URI.create("/api/v1/consent-profiles/" + created.id())).body(created);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a consent profile", description = "Takes effect on the very next page view (P4). null turns audioPromptId / preCallEmailMinutes off and noticeHtml back to the company notice.")
	ConsentProfile patch(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @RequestBody JsonNode body) {
		return profiles.update(tenant.companyId(), id, settings(JsonFields.of(body, FIELDS)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a consent profile", description = "A profile in use needs reassignTo: the profile its members and teams move to (P6).")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable UUID reassignTo) {
		profiles.delete(tenant.companyId(), id, reassignTo);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/default")
	@Operation(summary = "Make this the company's default profile (P2)")
	ConsentProfile makeDefault(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return profiles.makeDefault(tenant.companyId(), id);
	}

	private static ProfileSettings settings(JsonFields f) {
		Set<String> cleared = new HashSet<>();
		for (String field : ProfileSettings.CLEARABLE) {
			if (f.isNull(field)) {
				cleared.add(field);
			}
		}
		return new ProfileSettings(f.text("name"), f.enumeration("consentPage", ConsentPageMode.class),
				f.enumeration("participantChoice", ParticipantChoice.class), f.text("audioPromptId"),
				f.integer("preCallEmailMinutes"), f.texts("languages"), f.text("noticeHtml"), cleared);
	}

}
