package dev.assent.consentpage.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
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

	/** Members listed in the filter's select at most; past it the filter takes an email. */
	static final int SELECT_AT_MOST = 500;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final ConsentManagement consents;

	private final MemberManagement members;

	private final MessageSource messages;

	DecisionAdminController(ConsentManagement consents, MemberManagement members, MessageSource messages) {
		this.consents = consents;
		this.members = members;
		this.messages = messages;
	}

	/** A decision as the log shows it; {@code member} is null for a member removed since, the labels come from the bundle. */
	record Row(String time, String isoTime, UUID memberId, @Nullable String member, Choice choice, Outcome outcome,
			String language, String provider) {
	}

	@GetMapping("/admin/decisions")
	String list(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable UUID member,
			@RequestParam(required = false) @Nullable String memberEmail, Locale locale, Model model) {
		UUID companyId = tenant.companyId();
		if (member == null && memberEmail != null && !memberEmail.isBlank()) {
			Optional<Member> found = members.findByEmail(companyId, memberEmail.strip());
			if (found.isPresent()) {
				member = found.get().id();
			}
			else {
				model.addAttribute("flashError",
						messages.getMessage("decisions.unknownEmail", new Object[] { memberEmail.strip() }, locale));
			}
		}
		// A select of the recorded members while there are few; a company with many gets an email field.
		MemberPage first = members.search(companyId, new MemberQuery(null, null, null, 0, SELECT_AT_MOST));
		boolean select = first.total() <= SELECT_AT_MOST;
		List<Decision> decisions;
		if (member != null) {
			Member chosen = members.get(companyId, member);
			decisions = consents.decisionsForMember(companyId, member, SHOWN);
			model.addAttribute("memberEmail", chosen.email());
		}
		else {
			decisions = consents.recentDecisions(companyId, SHOWN);
			model.addAttribute("memberEmail", memberEmail);
		}
		Map<UUID, Member> named = members.get(companyId,
				decisions.stream().map(Decision::memberId).filter(Objects::nonNull).collect(Collectors.toSet()));
		model.addAttribute("rows", decisions.stream().map(d -> row(d, named)).toList());
		model.addAttribute("member", member);
		model.addAttribute("memberSelect", select);
		model.addAttribute("members", select ? first.items().stream().filter(Member::recorded).toList() : List.of());
		model.addAttribute("shown", SHOWN);
		return "admin/decisions";
	}

	private static Row row(Decision d, Map<UUID, Member> named) {
		Member m = named.get(d.memberId());
		return new Row(TIME.format(d.decidedAt()), d.decidedAt().toString(), d.memberId(), m == null ? null : m.name(),
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
