package dev.assent.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.SkipReason;

/** Skipped calls and who opted out, as their owners see them (PRODUCT D6, the Conversations widget and the call page). */
@Service
public class SkippedCalls {

	private final CallManagement calls;

	private final OptOuts optOuts;

	private final Clock clock;

	SkippedCalls(CallManagement calls, OptOuts optOuts, Clock clock) {
		this.calls = calls;
		this.optOuts = optOuts;
		this.clock = clock;
	}

	/**
	 * A skipped call for the Conversations widget (PRODUCT D6): what it was, who was invited and who
	 * opted out (name and email when the recorder saw them join, else anonymous).
	 */
	public record SkippedCall(Call call, @Nullable String owner, List<String> participants, List<String> optedOut) {
	}

	/**
	 * The skipped calls of the last {@code days} days, newest first: the owner's, or (without an
	 * owner) every owned call of the company. Calls nobody owns (NO_OWNER) are left out: they were
	 * never going to be recorded.
	 */
	public List<SkippedCall> skippedCalls(UUID companyId, @Nullable UUID ownerId, int days, int limit) {
		Instant now = Instant.now(clock);
		List<Call> page = new ArrayList<>(calls.search(companyId, new dev.assent.calls.CallQuery(CallStatus.SKIPPED,
				ownerId, null, now.minus(Duration.ofDays(days)), null, 0, 500)).items());
		page.removeIf(c -> c.skipReason() == SkipReason.NO_OWNER);
		page.sort(Comparator.comparing(Call::plannedStart).reversed());
		List<Call> shown = page.subList(0, Math.min(limit, page.size()));
		Map<UUID, List<String>> optedOut = whoOptedOut(companyId, shown.stream().map(Call::id).toList());
		List<SkippedCall> out = new ArrayList<>();
		for (dev.assent.calls.CallDetails d : calls.details(companyId, shown)) {
			List<String> invited = d.invitees().stream().map(i -> describe(i.name(), i.email())).toList();
			out.add(new SkippedCall(d.call(), d.owner() == null ? null : d.owner().name(), invited,
					optedOut.getOrDefault(d.call().id(), List.of())));
		}
		return out;
	}

	/** Who opted out of each call, as the owner may see it: name and email when known, else anonymous. */
	public Map<UUID, List<String>> whoOptedOut(UUID companyId, List<UUID> callIds) {
		Map<UUID, List<String>> out = new LinkedHashMap<>();
		for (OptOuts.OptOut o : optOuts.forCalls(companyId, callIds)) {
			out.computeIfAbsent(o.callId(), k -> new ArrayList<>()).add(describe(o.name(), o.email()));
		}
		return out;
	}

	static String describe(@Nullable String name, @Nullable String email) {
		if (name == null && email == null) {
			return "a participant (anonymous)";
		}
		if (name == null) {
			return email;
		}
		return email == null ? name : name + " (" + email + ")";
	}

}
