package dev.assent.consentpage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.calls.ConsentCounts;

/** Counts decisions per call for the calls module: the latest decision of each participant governs (C10). */
@Component
class ConsentTallies implements ConsentCounts {

	private final Decisions decisions;

	ConsentTallies(Decisions decisions) {
		this.decisions = decisions;
	}

	@Override
	public Map<UUID, Tally> tally(UUID companyId, Collection<UUID> callIds) {
		Map<UUID, Tally> out = new HashMap<>();
		decisions.governingOutcomes(companyId, callIds).forEach((call, t) -> out.put(call, new Tally(t[0], t[1])));
		return out;
	}

}
