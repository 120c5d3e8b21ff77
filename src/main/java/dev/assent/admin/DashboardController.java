package dev.assent.admin;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.Tenant;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.BaseUrl;

/** The tech admin's start page: the company at a glance and the way to everything else. */
@Controller
class DashboardController {

	/** Decisions are counted up to this many; beyond it the dashboard says "1000+". */
	static final int DECISIONS_COUNTED = 1000;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final ConsentManagement consents;

	private final ConsentPageManagement pages;

	private final BaseUrl baseUrl;

	DashboardController(CompanyManagement companies, MemberManagement members, ProfileManagement profiles,
			ConsentManagement consents, ConsentPageManagement pages, BaseUrl baseUrl) {
		this.companies = companies;
		this.members = members;
		this.profiles = profiles;
		this.consents = consents;
		this.pages = pages;
		this.baseUrl = baseUrl;
	}

	record Counts(long members, long recorded, int profiles, String decisions) {
	}

	@GetMapping("/admin")
	String dashboard(@AuthenticationPrincipal Tenant tenant, Model model) {
		UUID companyId = tenant.companyId();
		long total = 0;
		long recorded = 0;
		for (int page = 0;; page++) {
			MemberPage result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			List<Member> items = result.items();
			total = result.total();
			recorded += items.stream().filter(Member::hasConsentPage).count();
			if (items.isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
				break;
			}
		}
		int decisions = consents.recentDecisions(companyId, DECISIONS_COUNTED).size();
		model.addAttribute("company", companies.get(companyId));
		model.addAttribute("counts", new Counts(total, recorded, profiles.list(companyId).size(),
				decisions >= DECISIONS_COUNTED ? DECISIONS_COUNTED + "+" : String.valueOf(decisions)));
		if (tenant.memberId() != null) {
			Member me = members.get(companyId, tenant.memberId());
			if (me.hasConsentPage()) {
				model.addAttribute("myLink", pages.consentLink(companyId, me.id(),
						baseUrl.get()));
				model.addAttribute("myProfile", profiles.profileOf(companyId, me.id()));
			}
		}
		return "admin/dashboard";
	}

}
