package dev.assent.consentpage.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.Tenant;
import dev.assent.consentpage.Choice;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.Decision;
import dev.assent.consentpage.Outcome;
import dev.assent.calls.Provider;

/** The company's latest participant decisions (PRODUCT C3, C10), newest first, optionally for one member. */
@Controller
class DecisionAdminController {

	static final int SHOWN = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final ConsentManagement consents;

	private final MemberManagement members;

	DecisionAdminController(ConsentManagement consents, MemberManagement members) {
		this.consents = consents;
		this.members = members;
	}

	/** A decision as the log shows it; {@code member} is null for a member removed since, the labels come from the bundle. */
	record Row(String time, String isoTime, UUID memberId, @Nullable String member, Choice choice, Outcome outcome,
			String language, String provider) {
	}

	@GetMapping("/admin/decisions")
	String list(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable UUID member,
			Model model) {
		UUID companyId = tenant.companyId();
		List<Member> all = new ArrayList<>();
		for (int page = 0;; page++) {
			MemberPage result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			all.addAll(result.items());
			if (result.items().isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
				break;
			}
		}
		Map<UUID, String> names = all.stream().collect(Collectors.toMap(Member::id, Member::name));
		List<Decision> decisions;
		if (member != null) {
			members.get(companyId, member);
			decisions = consents.decisionsForMember(companyId, member, SHOWN);
		}
		else {
			decisions = consents.recentDecisions(companyId, SHOWN);
		}
		model.addAttribute("rows", decisions.stream().map(d -> row(d, names)).toList());
		model.addAttribute("member", member);
		model.addAttribute("members", all.stream().filter(Member::recorded).toList());
		model.addAttribute("shown", SHOWN);
		return "admin/decisions";
	}

	private static Row row(Decision d, Map<UUID, String> names) {
		return new Row(TIME.format(d.decidedAt()), d.decidedAt().toString(), d.memberId(), names.get(d.memberId()),
				d.choice(), d.outcome(), d.language(), provider(d.provider()));
	}

	private static String provider(String name) {
		try {
			return Provider.valueOf(name).displayName();
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
