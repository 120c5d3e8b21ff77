package dev.assent.recording;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Call;
import dev.assent.calls.CallConsent;
import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.calls.ConsentCounts;
import dev.assent.shared.NotFound;

/**
 * The call page {@code /admin/calls/{id}} (PRODUCT D7, D6): the call with its "Call info" —
 * participants who consented, opted out, or never answered — who opted out, and what the recorder
 * was told. For tech admins and for the call's owner; no JavaScript needed.
 */
@Controller
class CallInfoController {

	private final CallManagement calls;

	private final RecordingManagement recordings;

	private final ObjectProvider<ConsentCounts> counts;

	private final SkippedCalls skipped;

	private final ParticipantDeletions deletions;

	CallInfoController(CallManagement calls, RecordingManagement recordings, ObjectProvider<ConsentCounts> counts,
			SkippedCalls skipped, ParticipantDeletions deletions) {
		this.skipped = skipped;
		this.deletions = deletions;
		this.calls = calls;
		this.recordings = recordings;
		this.counts = counts;
	}

	@GetMapping("/admin/calls/{id}")
	String call(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		Call call = calls.get(tenant.companyId(), id);
		if (!tenant.isTechAdmin() && (call.ownerId() == null || !call.ownerId().equals(tenant.memberId()))) {
			throw new NotFound("Call");
		}
		CallDetails details = calls.details(tenant.companyId(), call);
		ConsentCounts c = counts.getIfAvailable();
		Map<UUID, ConsentCounts.Tally> tally = c == null ? Map.of() : c.tally(tenant.companyId(), List.of(id));
		model.addAttribute("details", details);
		model.addAttribute("call", call);
		model.addAttribute("consent", CallConsent.of(details, tally.getOrDefault(id, ConsentCounts.Tally.NONE)));
		model.addAttribute("optedOut", skipped.whoOptedOut(tenant.companyId(), List.of(id)).getOrDefault(id, List.of()));
		model.addAttribute("session", recordings.session(id).orElse(null));
		model.addAttribute("segments", recordings.segmentsOf(tenant.companyId(), id));
		model.addAttribute("deletions", deletions.of(tenant.companyId(), id));
		model.addAttribute("commands", tenant.isTechAdmin() ? recordings.commandsOf(tenant.companyId(), id) : List.of());
		return "recording/call";
	}

}
