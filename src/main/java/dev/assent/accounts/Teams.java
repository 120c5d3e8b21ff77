package dev.assent.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams, always scoped by company. */
@Repository
class Teams {

	private static final RowMapper<Team> ROW = (rs, i) -> new Team(rs.getObject("id", UUID.class),
			rs.getObject("company_id", UUID.class), rs.getString("name"),
			rs.getObject("consent_profile_id", UUID.class));

	private final JdbcClient jdbc;

	Teams(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Team> findAll(UUID companyId) {
		return jdbc.sql("select * from accounts.teams where company_id = ? order by lower(name)").param(companyId).query(ROW).list();
	}

	Optional<Team> findById(UUID companyId, UUID id) {
		return jdbc.sql("select * from accounts.teams where company_id = ? and id = ?").params(companyId, id).query(ROW).optional();
	}

	Optional<Team> findByName(UUID companyId, String name) {
		return jdbc.sql("select * from accounts.teams where company_id = ? and lower(name) = lower(?)")
			.params(companyId, name)
			.query(ROW)
			.optional();
	}

	void insert(Team team, java.time.Instant at) {
		jdbc.sql("insert into accounts.teams (id, company_id, name, consent_profile_id, created_at) values (?, ?, ?, ?, ?)")
			.params(team.id(), team.companyId(), team.name(), team.consentProfileId(), java.sql.Timestamp.from(at))
			.update();
	}

	void update(Team team) {
		jdbc.sql("update accounts.teams set name = ?, consent_profile_id = ? where company_id = ? and id = ?")
			.params(team.name(), team.consentProfileId(), team.companyId(), team.id())
			.update();
	}

	void delete(UUID companyId, UUID id) {
		jdbc.sql("delete from accounts.teams where company_id = ? and id = ?").params(companyId, id).update();
	}

	int reassignProfile(UUID companyId, UUID from, UUID to) {
		return jdbc.sql("update accounts.teams set consent_profile_id = ? where company_id = ? and consent_profile_id = ?")
			.params(to, companyId, from)
			.update();
	}

	long countWithProfile(UUID companyId, UUID profileId) {
		return jdbc.sql("select count(*) from accounts.teams where company_id = ? and consent_profile_id = ?")
			.params(companyId, profileId)
			.query(Long.class)
			.single();
	}

}
