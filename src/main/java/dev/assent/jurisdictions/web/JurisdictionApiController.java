package dev.assent.jurisdictions.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.jurisdictions.Jurisdictions;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.InvalidInput;

/** Jurisdiction-aware recommendations (PRODUCT X3). */
@RestController
@Tag(name = "Jurisdictions", description = "The strictest recording-consent rule for participants' locations, and the profile settings it needs (X3)")
class JurisdictionApiController {

	record Answer(Jurisdictions.Recommendation recommendation, @Nullable UUID profileId, List<String> profileShortfalls) {
	}

	private final Jurisdictions jurisdictions;

	private final ProfileManagement profiles;

	JurisdictionApiController(Jurisdictions jurisdictions, ProfileManagement profiles) {
		this.jurisdictions = jurisdictions;
		this.profiles = profiles;
	}

	@GetMapping("/api/v1/jurisdictions/recommendation")
	@Operation(summary = "Recommend profile settings for participants' locations", description = "Locations from explicit ISO 3166 codes (`location=US-CA`), invitee emails (country domains) and phone numbers (E.164 country codes); unknown locations count as all-party. With `profile`, the ways that profile is weaker than needed.")
	Answer recommend(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable List<String> location,
			@RequestParam(required = false) @Nullable List<String> email,
			@RequestParam(required = false) @Nullable List<String> phone,
			@RequestParam(defaultValue = "CALL") String medium, @RequestParam(required = false) @Nullable UUID profile) {
		List<String> locations = new ArrayList<>();
		if (location != null) {
			locations.addAll(location);
		}
		if (email != null) {
			email.forEach(e -> locations.add(Jurisdictions.locationOfEmail(e).orElse("unknown")));
		}
		if (phone != null) {
			phone.forEach(p -> locations.add(Jurisdictions.locationOfPhone(p).orElse("unknown")));
		}
		Jurisdictions.Medium m;
		try {
			m = Jurisdictions.Medium.valueOf(medium.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("medium", "invalid.must-be-call-or-in-person");
		}
		Jurisdictions.Recommendation r = jurisdictions.recommend(locations, m);
		if (profile == null) {
			return new Answer(r, null, List.of());
		}
		ConsentProfile p = profiles.get(tenant.companyId(), profile);
		return new Answer(r, p.id(), jurisdictions.shortfalls(p.consentPage().name(), p.participantChoice().name(),
				p.audioPromptId() != null, r));
	}

}
