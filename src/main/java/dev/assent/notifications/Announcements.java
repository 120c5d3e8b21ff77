package dev.assent.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberBecameRecorded;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.CompanyManagement;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.BaseUrl;

/**
 * "Send email now" (PRODUCT E2): every recorded team member gets their personal consent link (as
 * the consent page makes it, with its token when links are protected, C9). A run makes all its
 * emails in one transaction, so it exists whole or not at all; the outbox then sends them from any
 * node, and a run interrupted by a restart goes on where it stopped, each email once (the key is
 * the member's address and link). Once a company has announced, members who become recorded
 * later get the announcement too.
 */
@Service
class Announcements {

	/** A run and how far it has come. */
	record Run(UUID id, Instant createdAt, int total, long sent, long pending, long failed, long cancelled) {

		public boolean finished() {
			return pending == 0;
		}

	}

	private final JdbcClient jdbc;

	private final Emails emails;

	private final MemberManagement members;

	private final ConsentLinks links;

	private final ProfileManagement profiles;

	private final CompanyManagement companies;

	private final MailTemplates templates;

	private final BaseUrl baseUrl;

	private final Clock clock;

	Announcements(JdbcClient jdbc, Emails emails, MemberManagement members, ConsentLinks links, ProfileManagement profiles,
			CompanyManagement companies, MailTemplates templates, BaseUrl baseUrl, Clock clock) {
		this.jdbc = jdbc;
		this.emails = emails;
		this.members = members;
		this.links = links;
		this.profiles = profiles;
		this.companies = companies;
		this.templates = templates;
		this.baseUrl = baseUrl;
		this.clock = clock;
	}

	/** Starts a run: an email for every recorded, active member who has not had this link announced. */
	@Transactional
	public Run announce(UUID companyId, @Nullable UUID startedBy) {
		Instant now = Instant.now(clock);
		UUID runId = UUID.randomUUID();
		// One run at a time per company: a second click waits for the first and then adds nothing.
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("announce:" + companyId).query().singleRow();
		List<Member> recorded = new ArrayList<>();
		for (int page = 0;; page++) {
			MemberPage p = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			p.items().stream().filter(Member::hasConsentPage).forEach(recorded::add);
			if ((long) (page + 1) * p.size() >= p.total() || p.items().isEmpty()) {
				break;
			}
		}
		int made = enqueue(companyId, recorded, runId, now);
		jdbc.sql("insert into notifications.announcement_runs (id, company_id, started_by, total, created_at) values (?, ?, ?, ?, ?)")
			.params(runId, companyId, startedBy, made, Timestamp.from(now))
			.update();
		return progress(companyId, runId).orElseThrow();
	}

	/** A member got a consent page after the company announced the links: they get it too. */
	@Transactional
	public void memberBecameRecorded(MemberBecameRecorded e) {
		if (latestRunId(e.companyId()).isEmpty()) {
			return;
		}
		Member m = members.get(e.companyId(), e.memberId());
		if (m.hasConsentPage()) {
			enqueue(e.companyId(), List.of(m), null, Instant.now(clock));
		}
	}

	/** The company's latest run with its counts. */
	public Optional<Run> latest(UUID companyId) {
		return latestRunId(companyId).flatMap(id -> progress(companyId, id));
	}

	Optional<Run> progress(UUID companyId, UUID runId) {
		return jdbc.sql("select created_at, total from notifications.announcement_runs where company_id = ? and id = ?")
			.params(companyId, runId)
			.query((rs, i) -> {
				Map<Email.Status, Long> counts = emails.countsOfRun(companyId, runId);
				return new Run(runId, rs.getTimestamp("created_at").toInstant(), rs.getInt("total"),
						counts.get(Email.Status.SENT), counts.get(Email.Status.PENDING), counts.get(Email.Status.FAILED),
						counts.get(Email.Status.CANCELLED));
			})
			.optional();
	}

	private Optional<UUID> latestRunId(UUID companyId) {
		return jdbc.sql("select id from notifications.announcement_runs where company_id = ? order by created_at desc limit 1")
			.param(companyId)
			.query(UUID.class)
			.optional();
	}

	private int enqueue(UUID companyId, Collection<Member> recorded, @Nullable UUID runId, Instant now) {
		if (recorded.isEmpty()) {
			return 0;
		}
		Map<UUID, String> linkOf = links.linksOf(companyId, recorded, baseUrl.get());
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(companyId, recorded);
		Map<UUID, String> languageOf = new HashMap<>();
		String company = companies.get(companyId).name();
		int made = 0;
		for (Member m : recorded) {
			String link = linkOf.get(m.id());
			if (link == null) {
				continue;
			}
			UUID profileId = assignments.get(m.id()).profileId();
			String language = languageOf.computeIfAbsent(profileId, id -> {
				ConsentProfile p = profiles.get(companyId, id);
				return MailTemplates.language(p.languages());
			});
			Map<String, Object> vars = new HashMap<>();
			vars.put("name", m.name());
			vars.put("company", company);
			vars.put("link", link);
			Email.Rendered content = templates.render("announcement", language, vars);
			if (emails.insert(companyId, new Email.Draft(Reason.LINK_ANNOUNCEMENT, m.email(), link, m.name(), language,
					content, null, runId), now)) {
				made++;
			}
		}
		return made;
	}

}
