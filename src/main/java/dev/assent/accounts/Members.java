package dev.assent.accounts;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Team members, always scoped by company. */
@Repository
class Members {

	static final RowMapper<Member> ROW = (rs, i) -> new Member(rs.getObject("id", UUID.class),
			rs.getObject("company_id", UUID.class), rs.getString("name"), rs.getString("email"), rs.getString("slug"),
			rs.getObject("team_id", UUID.class), rs.getObject("manager_id", UUID.class),
			Role.valueOf(rs.getString("role")), rs.getBoolean("recorded"), rs.getBoolean("active"),
			rs.getObject("consent_profile_id", UUID.class), rs.getString("personal_meeting_url"),
			rs.getString("external_id"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant());

	private final JdbcClient jdbc;

	Members(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Member> findById(UUID companyId, UUID id) {
		return jdbc.sql("select * from accounts.members where company_id = ? and id = ?").params(companyId, id).query(ROW).optional();
	}

	List<Member> findByIds(UUID companyId, Collection<UUID> ids) {
		return jdbc.sql("select * from accounts.members where company_id = ? and id = any(?)")
			.params(companyId, ids.toArray(UUID[]::new))
			.query(ROW)
			.list();
	}

	Optional<Member> findBySlug(UUID companyId, String slug) {
		return jdbc.sql("select * from accounts.members where company_id = ? and slug = ?").params(companyId, slug).query(ROW).optional();
	}

	Optional<Member> findByEmail(UUID companyId, String email) {
		return jdbc.sql("select * from accounts.members where company_id = ? and lower(email) = lower(?)")
			.params(companyId, email)
			.query(ROW)
			.optional();
	}

	/** The member who used this personal link name before changing it (PRODUCT C5, C9: old links keep working). */
	Optional<Member> findByRetiredSlug(UUID companyId, String slug) {
		return jdbc.sql("""
				select m.* from accounts.members m join accounts.member_slug_history h
				  on h.member_id = m.id and h.company_id = m.company_id
				where h.company_id = ? and h.slug = ?""").params(companyId, slug).query(ROW).optional();
	}

	/** Keeps {@code oldSlug} as a redirect to the member; a slug handed back to its member stops being one. */
	void retireSlug(UUID companyId, UUID memberId, String oldSlug, String newSlug, Instant at) {
		jdbc.sql("delete from accounts.member_slug_history where company_id = ? and slug = ? and member_id = ?")
			.params(companyId, newSlug, memberId)
			.update();
		jdbc.sql("""
				insert into accounts.member_slug_history (company_id, slug, member_id, retired_at) values (?, ?, ?, ?)
				on conflict (company_id, slug) do update set member_id = excluded.member_id, retired_at = excluded.retired_at""")
			.params(companyId, oldSlug, memberId, java.sql.Timestamp.from(at))
			.update();
	}

	/** Taken by another member now, or earlier (its old links still lead to that member). */
	boolean slugTaken(UUID companyId, String slug, @Nullable UUID except) {
		return jdbc.sql("""
				select exists(select 1 from accounts.members where company_id = ? and slug = ? and id is distinct from ?)
				    or exists(select 1 from accounts.member_slug_history where company_id = ? and slug = ? and member_id is distinct from ?)""")
			.params(companyId, slug, except, companyId, slug, except)
			.query(Boolean.class)
			.single();
	}

	boolean emailTaken(UUID companyId, String email, @Nullable UUID except) {
		return jdbc.sql("""
				select exists(select 1 from accounts.members
				              where company_id = ? and lower(email) = lower(?) and id is distinct from ?)""")
			.params(companyId, email, except)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Members matching the filter. {@code profileIds}, when given, keeps members whose effective
	 * profile (member, else team, else {@code defaultProfile}) is one of them.
	 */
	List<Member> search(UUID companyId, @Nullable String q, @Nullable UUID teamId, @Nullable Collection<UUID> profileIds,
			UUID defaultProfile, int offset, int limit) {
		Query query = filter(companyId, q, teamId, profileIds, defaultProfile);
		return jdbc.sql("select m.* " + query.from + " order by lower(m.name), m.id offset ? limit ?")
			.params(query.params(offset, limit))
			.query(ROW)
			.list();
	}

	long count(UUID companyId, @Nullable String q, @Nullable UUID teamId, @Nullable Collection<UUID> profileIds,
			UUID defaultProfile) {
		Query query = filter(companyId, q, teamId, profileIds, defaultProfile);
		return jdbc.sql("select count(*) " + query.from).params(query.params()).query(Long.class).single();
	}

	private record Query(String from, List<Object> args) {

		List<Object> params(Object... more) {
			List<Object> all = new ArrayList<>(args);
			all.addAll(List.of(more));
			return all;
		}

	}

	private static Query filter(UUID companyId, @Nullable String q, @Nullable UUID teamId,
			@Nullable Collection<UUID> profileIds, UUID defaultProfile) {
		StringBuilder sql = new StringBuilder(
				"from accounts.members m left join accounts.teams t on t.id = m.team_id where m.company_id = ?");
		List<Object> args = new ArrayList<>(List.of(companyId));
		if (q != null && !q.isBlank()) {
			sql.append(" and (m.name ilike ? or m.email ilike ? or m.slug ilike ? or t.name ilike ?)");
			String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			args.addAll(List.of(like, like, like, like));
		}
		if (teamId != null) {
			sql.append(" and m.team_id = ?");
			args.add(teamId);
		}
		if (profileIds != null) {
			if (profileIds.isEmpty()) {
				sql.append(" and false");
			}
			else {
				sql.append(" and coalesce(m.consent_profile_id, t.consent_profile_id, ?) = any(?)");
				args.add(defaultProfile);
				args.add(profileIds.toArray(new UUID[0]));
			}
		}
		return new Query(sql.toString(), args);
	}

	/** Members matching a filter, oldest first (a stable order for paging). */
	List<Member> find(UUID companyId, MemberFilter filter, int offset, int limit) {
		MemberFilterSql where = MemberFilterSql.of(filter);
		List<Object> params = new ArrayList<>(List.of(companyId));
		params.addAll(where.args);
		params.add(offset);
		params.add(limit);
		return jdbc.sql("select m.* from accounts.members m where m.company_id = ? and (" + where.sql
				+ ") order by m.created_at, m.id offset ? limit ?")
			.params(params)
			.query(ROW)
			.list();
	}

	long count(UUID companyId, MemberFilter filter) {
		MemberFilterSql where = MemberFilterSql.of(filter);
		List<Object> params = new ArrayList<>(List.of(companyId));
		params.addAll(where.args);
		return jdbc.sql("select count(*) from accounts.members m where m.company_id = ? and (" + where.sql + ")")
			.params(params)
			.query(Long.class)
			.single();
	}

	/** Puts these members into a team, or out of any team with {@code teamId} null; ids of other companies are ignored. */
	int setTeam(UUID companyId, Collection<UUID> memberIds, @Nullable UUID teamId, java.time.Instant at) {
		if (memberIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("update accounts.members set team_id = ?, updated_at = ? where company_id = ? and id = any(?)")
			.params(teamId, Timestamp.from(at), companyId, memberIds.toArray(new UUID[0]))
			.update();
	}

	/** Takes every member out of this team, except those kept. */
	int clearTeam(UUID companyId, UUID teamId, Collection<UUID> keep, java.time.Instant at) {
		return jdbc.sql("""
				update accounts.members set team_id = null, updated_at = ?
				where company_id = ? and team_id = ? and not (id = any(?))""")
			.params(Timestamp.from(at), companyId, teamId, keep.toArray(new UUID[0]))
			.update();
	}

	void insert(Member m, @Nullable String passwordHash) {
		jdbc.sql("""
				insert into accounts.members (id, company_id, name, email, slug, team_id, manager_id, role, recorded,
				    active, consent_profile_id, personal_meeting_url, password_hash, external_id, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(m.id(), m.companyId(), m.name(), m.email(), m.slug(), m.teamId(), m.managerId(), m.role().name(),
					m.recorded(), m.active(), m.consentProfileId(), m.personalMeetingUrl(), passwordHash, m.externalId(),
					Timestamp.from(m.createdAt()), Timestamp.from(m.updatedAt()))
			.update();
	}

	void update(Member m) {
		jdbc.sql("""
				update accounts.members set name = ?, email = ?, slug = ?, team_id = ?, manager_id = ?, role = ?,
				    recorded = ?, active = ?, consent_profile_id = ?, personal_meeting_url = ?, external_id = ?,
				    updated_at = ?
				where company_id = ? and id = ?""")
			.params(m.name(), m.email(), m.slug(), m.teamId(), m.managerId(), m.role().name(), m.recorded(), m.active(),
					m.consentProfileId(), m.personalMeetingUrl(), m.externalId(), Timestamp.from(m.updatedAt()),
					m.companyId(), m.id())
			.update();
	}

	void setPassword(UUID companyId, UUID id, String passwordHash) {
		jdbc.sql("update accounts.members set password_hash = ? where company_id = ? and id = ?")
			.params(passwordHash, companyId, id)
			.update();
	}

	int reassignProfile(UUID companyId, UUID from, UUID to) {
		return jdbc.sql("update accounts.members set consent_profile_id = ? where company_id = ? and consent_profile_id = ?")
			.params(to, companyId, from)
			.update();
	}

	long countWithProfile(UUID companyId, UUID profileId) {
		return jdbc.sql("select count(*) from accounts.members where company_id = ? and consent_profile_id = ?")
			.params(companyId, profileId)
			.query(Long.class)
			.single();
	}

	record Login(UUID memberId, UUID companyId, String email, String passwordHash, Role role, boolean active) {
	}

	/** The member's login as it is now (for the check that ends sessions of changed accounts). */
	Optional<Login> findLoginById(UUID memberId) {
		return jdbc.sql("""
				select id, company_id, email, coalesce(password_hash, '') as password_hash, role, active
				from accounts.members where id = ?""")
			.param(memberId)
			.query((rs, i) -> new Login(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
					rs.getString("email"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
					rs.getBoolean("active")))
			.optional();
	}

	Optional<Login> findLogin(String email) {
		return jdbc.sql("""
				select id, company_id, email, password_hash, role, active from accounts.members
				where lower(email) = lower(?) and password_hash is not null""")
			.param(email)
			.query((rs, i) -> new Login(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
					rs.getString("email"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
					rs.getBoolean("active")))
			.optional();
	}

}
