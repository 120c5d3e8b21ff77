package dev.assent.calls.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Call;
import dev.assent.calls.CallConsent;
import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallPage;
import dev.assent.calls.CallQuery;
import dev.assent.calls.CallStatus;
import dev.assent.calls.Provider;
import dev.assent.calls.ConsentCounts;
import dev.assent.calls.Invitee;
import dev.assent.calls.SkipReason;
import dev.assent.shared.InvalidInput;

@RestController
@RequestMapping("/api/v1/calls")
@Tag(name = "Calls", description = "Call occurrences: planned times, owner, governing profile, status (D1, D2, P5)")
class CallApiController {

	private final CallManagement calls;

	private final ObjectProvider<ConsentCounts> consentCounts;

	CallApiController(CallManagement calls, ObjectProvider<ConsentCounts> consentCounts) {
		this.calls = calls;
		this.consentCounts = consentCounts;
	}

	record Person(UUID id, String name, String email) {
	}

	record Profile(UUID id, String name) {
	}

	record CallResource(UUID id, UUID meetingId, String title, Instant plannedStart, Instant plannedEnd, String timeZone,
			Provider provider, @Nullable String joinUrl, CallStatus status,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable SkipReason skipReason, @Nullable Instant statusChangedAt,
			@Nullable Instant keptUntil, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Person owner,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Profile profile, List<Invitee> invitees,
			CallConsent consent) {
	}

	record CallList(List<CallResource> items, long total, int page, int size) {
	}

	@GetMapping
	@Operation(summary = "List calls", description = "Soonest first. `from`/`to` (ISO-8601 instants) keep calls overlapping the window.")
	CallList list(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "SCHEDULED, RECORDING, RECORDED, PARTIAL, SKIPPED or CANCELLED") @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "owner's team member id") @RequestParam(required = false) @Nullable UUID owner,
			@Parameter(description = "meeting id") @RequestParam(required = false) @Nullable UUID meeting,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CallQuery query = new CallQuery(status(status), owner, meeting,
				from == null || from.isBlank() ? null : ApiTimes.instant("from", from, null),
				to == null || to.isBlank() ? null : ApiTimes.instant("to", to, null), page, size);
		CallPage result = calls.search(tenant.companyId(), query);
		Map<UUID, ConsentCounts.Tally> tallies = tallies(tenant.companyId(), result.items());
		return new CallList(calls.details(tenant.companyId(), result.items())
			.stream()
			.map(d -> resource(d, tallies))
			.toList(), result.total(), result.page(), result.size());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a call", description = "With its owner, the consent profile that governs it (the owner's, as of now), the invitees and `consent`: participants whose latest decision consented (explicitly or implicitly), opted out, and invitees other than the owner who never answered.")
	CallResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		Call call = calls.get(tenant.companyId(), id);
		return resource(calls.details(tenant.companyId(), call), tallies(tenant.companyId(), List.of(call)));
	}

	/** How the participants decided (PRODUCT D7), from whichever module keeps decisions. */
	private Map<UUID, ConsentCounts.Tally> tallies(UUID companyId, List<Call> page) {
		ConsentCounts counts = consentCounts.getIfAvailable();
		return counts == null || page.isEmpty() ? Map.of() : counts.tally(companyId, page.stream().map(Call::id).toList());
	}

	private static @Nullable CallStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return CallStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("status", "invalid.must-be-one-of-scheduled-recording-recorded-partial");
		}
	}

	private static CallResource resource(CallDetails d, Map<UUID, ConsentCounts.Tally> tallies) {
		Call c = d.call();
		return new CallResource(c.id(), c.meetingId(), c.title(), c.plannedStart(), c.plannedEnd(), c.timeZone(),
				c.provider(), c.joinUrl(), c.status(), c.skipReason(), c.statusChangedAt(), c.keptUntil(),
				d.owner() == null ? null : new Person(d.owner().id(), d.owner().name(), d.owner().email()),
				d.profile() == null ? null : new Profile(d.profile().id(), d.profile().name()), d.invitees(),
				CallConsent.of(d, tallies.getOrDefault(c.id(), ConsentCounts.Tally.NONE)));
	}

}
