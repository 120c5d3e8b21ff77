package dev.assent.jurisdictions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallQuery;
import dev.assent.calls.CallStatus;
import dev.assent.calls.Invitee;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileWarnings;

/**
 * The profile page's jurisdiction warning (PRODUCT X3): for each scheduled call the profile governs
 * (the next 500 of the company), the participants' locations — invitees' country domains; a generic
 * domain is an unknown location, which counts as all-party — give the strictest rule, and where
 * the profile is weaker than that rule needs, the page says which call and why.
 */
@Component
class WeakProfiles implements ProfileWarnings {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Jurisdictions jurisdictions;

	private final CallManagement calls;

	private final Clock clock;

	WeakProfiles(Jurisdictions jurisdictions, CallManagement calls, Clock clock) {
		this.jurisdictions = jurisdictions;
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	public List<String> of(UUID companyId, ConsentProfile profile) {
		Instant now = Instant.now(clock);
		List<CallDetails> scheduled = calls.details(companyId,
				calls.search(companyId, new CallQuery(CallStatus.SCHEDULED, null, null, now, null, 0, 500)).items());
		List<String> out = new ArrayList<>();
		for (CallDetails d : scheduled) {
			if (d.profile() == null || !d.profile().id().equals(profile.id())) {
				continue;
			}
			Set<String> locations = new LinkedHashSet<>();
			for (Invitee i : d.invitees()) {
				locations.add(Jurisdictions.locationOfEmail(i.email()).orElse("unknown"));
			}
			Jurisdictions.Recommendation r = jurisdictions.recommend(locations, Jurisdictions.Medium.CALL);
			List<String> shortfalls = jurisdictions.shortfalls(profile.consentPage().name(),
					profile.participantChoice().name(), profile.audioPromptId() != null, r);
			if (!shortfalls.isEmpty()) {
				out.add("\"" + d.call().title() + "\" on " + WHEN.format(d.call().plannedStart()) + " (participants in "
						+ String.join(", ", locations) + ": " + r.strictest().code() + "): " + String.join("; ", shortfalls));
			}
			if (out.size() == 10) {
				break;
			}
		}
		return out;
	}

}
