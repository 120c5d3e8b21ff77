package dev.assent.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Conflict;
import dev.assent.shared.Emails;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;
import dev.assent.shared.Slugs;

/**
 * Team members of a company (PRODUCT T2), and which consent profile applies to whom (P3: member
 * over team over default); teams themselves are {@link TeamManagement}'s. Every method takes the
 * caller's company id and never sees another company's rows.
 */
@Service
public class MemberManagement {


	private final Members members;

	private final Teams teams;

	private final ConsentProfileCatalog profiles;

	private final ConfigChanges changes;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final PersonalLinkPolicy links;

	private final ApplicationEventPublisher events;

	MemberManagement(Members members, Teams teams, ConsentProfileCatalog profiles, ConfigChanges changes,
			PasswordEncoder passwords, Clock clock, PersonalLinkPolicy links, ApplicationEventPublisher events) {
		this.links = links;
		this.events = events;
		this.members = members;
		this.teams = teams;
		this.profiles = profiles;
		this.changes = changes;
		this.passwords = passwords;
		this.clock = clock;
	}

	// --- members

	public Member get(UUID companyId, UUID memberId) {
		return members.findById(companyId, memberId).orElseThrow(() -> NotFound.coded("notFound.member"));
	}

	/** The members with these ids (those that exist), by id, one query. */
	public Map<UUID, Member> get(UUID companyId, Collection<UUID> memberIds) {
		Map<UUID, Member> out = new HashMap<>();
		if (!memberIds.isEmpty()) {
			members.findByIds(companyId, memberIds).forEach(m -> out.put(m.id(), m));
		}
		return out;
	}

	public Optional<Member> findBySlug(UUID companyId, String slug) {
		return members.findBySlug(companyId, slug);
	}

	/**
	 * The member who used this personal link name before (PRODUCT C5, C9): links shared with it
	 * redirect permanently to the member's current one.
	 */
	public Optional<Member> findByRetiredSlug(UUID companyId, String slug) {
		return members.findByRetiredSlug(companyId, slug);
	}

	public Optional<Member> findByEmail(UUID companyId, String email) {
		return members.findByEmail(companyId, email);
	}

	public MemberPage search(UUID companyId, MemberQuery query) {
		UUID defaultProfile = profiles.defaultProfile(companyId);
		Collection<UUID> profileIds = null;
		if (query.profile() != null && !query.profile().isBlank()) {
			profileIds = matchingProfiles(companyId, query.profile().strip());
		}
		List<Member> items = members.search(companyId, query.q(), query.teamId(), profileIds, defaultProfile,
				query.page() * query.size(), query.size());
		long total = members.count(companyId, query.q(), query.teamId(), profileIds, defaultProfile);
		return new MemberPage(items, total, query.page(), query.size());
	}

	private Collection<UUID> matchingProfiles(UUID companyId, String profile) {
		String needle = profile.toLowerCase(Locale.ROOT);
		return profiles.names(companyId)
			.entrySet()
			.stream()
			.filter(e -> e.getKey().toString().equals(profile) || e.getValue().toLowerCase(Locale.ROOT).contains(needle))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** Members matching a filter (oldest first), {@code limit} of them from {@code offset}. */
	public List<Member> find(UUID companyId, MemberFilter filter, int offset, int limit) {
		return members.find(companyId, filter, offset, limit);
	}

	public long count(UUID companyId, MemberFilter filter) {
		return members.count(companyId, filter);
	}

	@Transactional
	public Member create(UUID companyId, MemberDraft draft) {
		Instant now = Instant.now(clock);
		String name = requireName(draft.name());
		String email = requireEmail(draft.email());
		if (members.emailTaken(companyId, email, null)) {
			throw Conflict.coded("conflict.member.email", email);
		}
		String slug;
		if (draft.slug() != null) {
			slug = draft.slug().strip();
			requireSlug(companyId, slug, null);
		}
		else {
			// uniqueSlug has just found it free: only its form is left to check (issue 11: one query less per member)
			slug = uniqueSlug(companyId, Slugs.from(name));
			requireSlugForm(slug);
		}
		Member member = new Member(UUID.randomUUID(), companyId, name, email, slug, requireTeam(companyId, draft.teamId()),
				requireManager(companyId, draft.managerId(), null), draft.role() != null ? draft.role() : Role.MEMBER,
				draft.recorded() == null || draft.recorded(), true, profiles.require(companyId, draft.consentProfileId()),
				draft.personalMeetingUrl() == null || draft.personalMeetingUrl().isBlank() ? null
						: links.requireSafe(companyId, "personalMeetingUrl", draft.personalMeetingUrl()),
				draft.externalId(), now, now);
		String hash = null;
		if (draft.password() != null) {
			requirePassword(draft.password());
			hash = passwords.encode(draft.password());
		}
		members.insert(member, hash);
		changes.changed(companyId);
		if (member.hasConsentPage()) {
			events.publishEvent(new MemberBecameRecorded(companyId, member.id(), now));
		}
		events.publishEvent(new MemberAdded(companyId, member.id(), now));
		return member;
	}

	@Transactional
	public Member update(UUID companyId, UUID memberId, MemberChanges c) {
		Member m = get(companyId, memberId);
		String name = c.name() != null ? requireName(c.name()) : m.name();
		String email = m.email();
		if (c.email() != null) {
			email = requireEmail(c.email());
			if (members.emailTaken(companyId, email, memberId)) {
				throw Conflict.coded("conflict.member.email", email);
			}
			if (!email.equalsIgnoreCase(m.email()) && signsIn(m)) {
				requireLoginFree(email, memberId);
			}
		}
		String slug = m.slug();
		if (c.slug() != null && !c.slug().strip().equals(m.slug())) {
			slug = c.slug().strip();
			requireSlug(companyId, slug, memberId);
		}
		UUID teamId = c.clears("teamId") ? null : c.teamId() != null ? requireTeam(companyId, c.teamId()) : m.teamId();
		UUID managerId = c.clears("managerId") ? null
				: c.managerId() != null ? requireManager(companyId, c.managerId(), memberId) : m.managerId();
		UUID profileId = c.clears("consentProfileId") ? null
				: c.consentProfileId() != null ? profiles.require(companyId, c.consentProfileId()) : m.consentProfileId();
		String url = c.clears("personalMeetingUrl") ? null
				: c.personalMeetingUrl() != null ? links.requireSafe(companyId, "personalMeetingUrl", c.personalMeetingUrl())
						: m.personalMeetingUrl();
		String externalId = c.clears("externalId") ? null : c.externalId() != null ? c.externalId() : m.externalId();
		Member updated = new Member(m.id(), companyId, name, email, slug, teamId, managerId,
				c.role() != null ? c.role() : m.role(), c.recorded() != null ? c.recorded() : m.recorded(),
				c.active() != null ? c.active() : m.active(), profileId, url, externalId, m.createdAt(),
				Instant.now(clock));
		members.update(updated);
		if (!slug.equals(m.slug())) {
			members.retireSlug(companyId, memberId, m.slug(), slug, updated.updatedAt());
		}
		changes.changed(companyId);
		if (updated.hasConsentPage() && !m.hasConsentPage()) {
			events.publishEvent(new MemberBecameRecorded(companyId, memberId, updated.updatedAt()));
		}
		return updated;
	}

	/**
	 * {@link #update} as a signed-in member makes it in the admin UI, with a new password when one is
	 * given, in one transaction: nothing is saved unless all of it may be. Nobody takes away their own
	 * tech admin role or deactivates their own account — they would lock themselves out; another
	 * tech admin may.
	 */
	@Transactional
	public Member update(UUID companyId, UUID memberId, MemberChanges c, @Nullable String password, UUID signedIn) {
		if (memberId.equals(signedIn)) {
			if (c.role() != null && c.role() != Role.TECH_ADMIN) {
				throw InvalidInput.of("role", "invalid.member.own-role");
			}
			if (Boolean.FALSE.equals(c.active())) {
				throw InvalidInput.of("active", "invalid.member.own-account");
			}
		}
		if (password != null) {
			requirePassword(password);
		}
		Member updated = update(companyId, memberId, c);
		if (password != null) {
			setPassword(companyId, memberId, password);
		}
		return updated;
	}

	@Transactional
	public void setPassword(UUID companyId, UUID memberId, String password) {
		Member m = get(companyId, memberId);
		requirePassword(password);
		requireLoginFree(m.email(), memberId);
		members.setPassword(companyId, memberId, passwords.encode(password));
	}

	private boolean signsIn(Member m) {
		return members.findLogin(m.email()).filter(l -> l.memberId().equals(m.id())).isPresent();
	}

	/**
	 * A sign-in email belongs to one account across all companies (the unique index
	 * {@code members_login_email}): another account's is a 409 that says so, not a database error.
	 */
	private void requireLoginFree(String email, UUID memberId) {
		if (members.findLogin(email).filter(l -> !l.memberId().equals(memberId)).isPresent()) {
			throw Conflict.coded("conflict.member.loginEmail", email);
		}
	}

	// --- profile assignment (PRODUCT P3)

	/** The profile that governs this member's calls and consent page. */
	public ProfileAssignment effectiveProfile(UUID companyId, UUID memberId) {
		Member member = get(companyId, memberId);
		Team team = member.teamId() == null ? null : teams.findById(companyId, member.teamId()).orElse(null);
		return resolve(member, team, profiles.defaultProfile(companyId));
	}

	/** The effective profile of each of the given members, in one pass. */
	public Map<UUID, ProfileAssignment> effectiveProfiles(UUID companyId, Collection<Member> some) {
		Map<UUID, Team> byId = teams.findAll(companyId).stream().collect(Collectors.toMap(Team::id, Function.identity()));
		UUID defaultProfile = profiles.defaultProfile(companyId);
		return some.stream()
			.collect(Collectors.toMap(Member::id,
					m -> resolve(m, m.teamId() == null ? null : byId.get(m.teamId()), defaultProfile)));
	}

	/**
	 * The profile that governs a member (PRODUCT P3): their own, else their team's, else the company's
	 * default; for callers that read the member, team and default themselves.
	 */
	public static ProfileAssignment resolve(Member member, @Nullable Team team, UUID defaultProfile) {
		if (member.consentProfileId() != null) {
			return new ProfileAssignment(member.consentProfileId(), ProfileAssignment.Source.MEMBER);
		}
		if (team != null && team.consentProfileId() != null) {
			return new ProfileAssignment(team.consentProfileId(), ProfileAssignment.Source.TEAM);
		}
		return new ProfileAssignment(defaultProfile, ProfileAssignment.Source.DEFAULT);
	}

	/** How many members and teams name this profile explicitly. */
	public long countAssignments(UUID companyId, UUID profileId) {
		return members.countWithProfile(companyId, profileId) + teams.countWithProfile(companyId, profileId);
	}

	/** Moves every explicit assignment of {@code from} to {@code to} (PRODUCT P6). */
	@Transactional
	public void reassignProfile(UUID companyId, UUID from, UUID to) {
		members.reassignProfile(companyId, from, to);
		teams.reassignProfile(companyId, from, to);
		changes.changed(companyId);
	}

	// --- validation

	/** A member's or team's name: 1 to 200 characters, stripped. */
	static String requireName(@Nullable String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw InvalidInput.of("name", "invalid.must-be-1-to-200-characters");
		}
		return clean;
	}

	private static String requireEmail(@Nullable String email) {
		String clean = email == null ? "" : email.strip();
		if (!Emails.isAddress(clean)) {
			throw InvalidInput.of("email", "invalid.must-be-a-valid-email-address");
		}
		return clean;
	}

	private static void requirePassword(String password) {
		Passwords.require(password);
	}

	private void requireSlug(UUID companyId, String slug, @Nullable UUID self) {
		requireSlugForm(slug);
		if (members.slugTaken(companyId, slug, self)) {
			throw Conflict.coded("conflict.member.slug", slug);
		}
	}

	private static void requireSlugForm(String slug) {
		if (!Slugs.isValid(slug)) {
			throw InvalidInput.of("slug", "invalid.use-1-to-48-lower-case-letters-digits");
		}
	}

	private String uniqueSlug(UUID companyId, String base) {
		String candidate = base.isEmpty() ? "member" : base;
		for (int i = 2; members.slugTaken(companyId, candidate, null); i++) {
			candidate = base + "-" + i;
		}
		return candidate;
	}

	private @Nullable UUID requireTeam(UUID companyId, @Nullable UUID teamId) {
		if (teamId != null && teams.findById(companyId, teamId).isEmpty()) {
			throw InvalidInput.of("team", "invalid.no-such-team");
		}
		return teamId;
	}

	private @Nullable UUID requireManager(UUID companyId, @Nullable UUID managerId, @Nullable UUID self) {
		if (managerId != null && (managerId.equals(self) || members.findById(companyId, managerId).isEmpty())) {
			throw InvalidInput.of("managerId", "invalid.no-such-team-member");
		}
		return managerId;
	}

}
