package dev.assent.profiles.web;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import dev.assent.profiles.LawfulBasis;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.profiles.ProfileManagement;
import dev.assent.profiles.ProfileSettings;
import dev.assent.shared.PatchBodies;

@RestController
@RequestMapping("/api/v1/consent-profiles")
@Tag(name = "Consent profiles", description = "Named bundles of consent settings (P1–P6)")
class ProfileApiController {

	private final ProfileManagement profiles;

	private final PatchBodies patches;

	ProfileApiController(ProfileManagement profiles, PatchBodies patches) {
		this.profiles = profiles;
		this.patches = patches;
	}

	@Schema(description = "A consent profile; only name is required (the rest default to an enabled page where participants may opt out)")
	record CreateProfile(@Schema(example = "Sales EU") @NotBlank @Size(max = 100) String name,
			@Nullable ConsentPageMode consentPage, @Nullable ParticipantChoice participantChoice,
			@Schema(description = "an audio prompt id (GET /api/v1/audio-prompts)") @Nullable @Size(max = 100) String audioPromptId,
			@Schema(description = "minutes before the call the pre-call email goes out; absent or null = off", example = "10")
			@Nullable @Min(1) @Max(1440) Integer preCallEmailMinutes,
			@Schema(description = "language codes of the consent page, first is the fallback", example = "[\"en\", \"de\"]")
			@Nullable List<@NotBlank String> languages,
			@Schema(description = "the notice shown on the page (sanitised HTML); absent = the company's") @Nullable @Size(max = 20000) String noticeHtml,
			@Schema(description = PURPOSES, example = "[\"TRANSCRIPTION\", \"AI_TRAINING\"]") @Nullable List<String> purposes,
			@Schema(description = BASIS) @Nullable LawfulBasis lawfulBasis,
			@Schema(description = ASSESSMENT, example = "LIA-2026-07 (DPO register)") @Nullable @Size(max = 500) String legitimateInterestsAssessment) {
	}

	static final String PURPOSES = "purposes the page asks for separately, besides the recording (X4): TRANSCRIPTION, AI_TRAINING; each an optional checkbox, off until ticked; the recorder is told those refused";

	static final String BASIS = "GDPR lawful basis of the recordings: CONSENT (default) or LEGITIMATE_INTERESTS";

	static final String ASSESSMENT = "reference of the legitimate-interests assessment (required with LEGITIMATE_INTERESTS), named in evidence exports";

	@Schema(description = "Absent fields stay; null turns audioPromptId / preCallEmailMinutes off and noticeHtml back to the company notice")
	record ProfilePatch(@Nullable @Size(min = 1, max = 100) String name, @Nullable ConsentPageMode consentPage,
			@Nullable ParticipantChoice participantChoice, @Nullable @Size(max = 100) String audioPromptId,
			@Nullable @Min(1) @Max(1440) Integer preCallEmailMinutes, @Nullable List<@NotBlank String> languages,
			@Nullable @Size(max = 20000) String noticeHtml,
			@Schema(description = PURPOSES) @Nullable List<String> purposes,
			@Schema(description = BASIS) @Nullable LawfulBasis lawfulBasis,
			@Schema(description = ASSESSMENT) @Nullable @Size(max = 500) String legitimateInterestsAssessment) {
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
	ResponseEntity<ConsentProfile> create(@AuthenticationPrincipal Tenant tenant, @Valid @RequestBody CreateProfile body) {
		ProfileSettings settings = new ProfileSettings(body.name(), body.consentPage(), body.participantChoice(),
				body.audioPromptId(), body.preCallEmailMinutes(), body.languages(), body.noticeHtml(), Set.of(),
				body.purposes(), body.lawfulBasis(), body.legitimateInterestsAssessment());
		ConsentProfile created = profiles.create(tenant.companyId(), settings);
		return ResponseEntity.created(URI.create("/api/v1/consent-profiles/" + created.id())).body(created);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a consent profile", description = "Takes effect on the very next page view (P4). null turns audioPromptId / preCallEmailMinutes off and noticeHtml back to the company notice.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = ProfilePatch.class))))
	ConsentProfile patch(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @RequestBody JsonNode body) {
		PatchBodies.Patch<ProfilePatch> patch = patches.read(body, ProfilePatch.class);
		ProfilePatch p = patch.value();
		return profiles.update(tenant.companyId(), id, new ProfileSettings(p.name(), p.consentPage(),
				p.participantChoice(), p.audioPromptId(), p.preCallEmailMinutes(), p.languages(), p.noticeHtml(),
				patch.cleared(ProfileSettings.CLEARABLE), p.purposes(), p.lawfulBasis(),
				p.legitimateInterestsAssessment()));
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

}
