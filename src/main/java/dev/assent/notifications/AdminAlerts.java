package dev.assent.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Role;
import dev.assent.integrations.IntegrationDisconnected;
import dev.assent.profiles.ProfileManagement;

/**
 * Emails to a company's tech admins. An integration disconnected (PRODUCT E3, L5): every active
 * tech admin gets one email per disconnection (the occurrence is the provider and the instant).
 */
@Service
class AdminAlerts {

	private final Emails emails;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final CompanyManagement companies;

	private final MailTemplates templates;

	private final Clock clock;

	AdminAlerts(Emails emails, MemberManagement members, ProfileManagement profiles, CompanyManagement companies,
			MailTemplates templates, Clock clock) {
		this.emails = emails;
		this.members = members;
		this.profiles = profiles;
		this.companies = companies;
		this.templates = templates;
		this.clock = clock;
	}

	@Transactional
	public int integrationDisconnected(IntegrationDisconnected e) {
		List<Member> admins = techAdmins(e.companyId());
		if (admins.isEmpty()) {
			return 0;
		}
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(e.companyId(), admins);
		String company = companies.get(e.companyId()).name();
		String occurrence = e.provider().name() + "@" + e.at();
		Instant now = Instant.now(clock);
		int made = 0;
		for (Member admin : admins) {
			String language = MailTemplates
				.language(profiles.get(e.companyId(), assignments.get(admin.id()).profileId()).languages());
			Locale locale = Locale.forLanguageTag(language);
			Map<String, Object> vars = new HashMap<>();
			vars.put("name", admin.name());
			vars.put("company", company);
			vars.put("provider", e.provider().displayName());
			vars.put("reason", e.reason().isBlank() ? null : e.reason());
			vars.put("when", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
				.withLocale(locale)
				.withZone(ZoneOffset.UTC)
				.format(e.at()) + " UTC");
			vars.put("subjectArgs", new Object[] { e.provider().displayName() });
			Email.Rendered content = templates.render("integration-disconnected", language, vars);
			if (emails.insert(e.companyId(), new Email.Draft(Reason.INTEGRATION_DISCONNECTED, admin.email(), occurrence,
					admin.name(), language, content, null, null), now)) {
				made++;
			}
		}
		return made;
	}

	private List<Member> techAdmins(UUID companyId) {
		List<Member> admins = new ArrayList<>();
		for (int page = 0;; page++) {
			MemberPage p = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			p.items().stream().filter(m -> m.role() == Role.TECH_ADMIN && m.active()).forEach(admins::add);
			if ((long) (page + 1) * p.size() >= p.total() || p.items().isEmpty()) {
				return admins;
			}
		}
	}

}
