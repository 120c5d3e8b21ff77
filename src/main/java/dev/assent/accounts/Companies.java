package dev.assent.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Companies {

	private static final RowMapper<Company> ROW = (rs, i) -> new Company(rs.getObject("id", UUID.class),
			rs.getString("name"), rs.getString("slug"), rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	Companies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Company company, String apiTokenHash, String scimTokenHash) {
		jdbc.sql("""
				insert into accounts.companies (id, name, slug, api_token_hash, scim_token_hash, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(company.id(), company.name(), company.slug(), apiTokenHash, scimTokenHash,
					java.sql.Timestamp.from(company.createdAt()))
			.update();
	}

	Optional<Company> findById(UUID id) {
		return jdbc.sql("select * from accounts.companies where id = ?").param(id).query(ROW).optional();
	}

	Optional<Company> findBySlug(String slug) {
		return jdbc.sql("select * from accounts.companies where slug = ?").param(slug).query(ROW).optional();
	}

	Optional<Company> findByRetiredSlug(String slug) {
		return jdbc.sql("""
				select c.* from accounts.companies c join accounts.company_slug_history h on h.company_id = c.id
				where h.slug = ?""").param(slug).query(ROW).optional();
	}

	boolean slugTaken(String slug) {
		return jdbc.sql("""
				select exists(select 1 from accounts.companies where slug = ?)
				    or exists(select 1 from accounts.company_slug_history where slug = ?)""")
			.params(slug, slug)
			.query(Boolean.class)
			.single();
	}

	void changeSlug(UUID id, String oldSlug, String newSlug, Instant at) {
		// A slug handed back to its company stops being a redirect.
		jdbc.sql("delete from accounts.company_slug_history where slug = ? and company_id = ?").params(newSlug, id).update();
		jdbc.sql("insert into accounts.company_slug_history (slug, company_id, retired_at) values (?, ?, ?)")
			.params(oldSlug, id, java.sql.Timestamp.from(at))
			.update();
		jdbc.sql("update accounts.companies set slug = ? where id = ?").params(newSlug, id).update();
	}

	void setTokenHash(UUID id, boolean api, @org.jspecify.annotations.Nullable String hash) {
		jdbc.sql("update accounts.companies set " + (api ? "api_token_hash" : "scim_token_hash") + " = ? where id = ?")
			.params(hash, id)
			.update();
	}

	boolean hasToken(UUID id, boolean api) {
		return jdbc.sql("select " + (api ? "api_token_hash" : "scim_token_hash") + " is not null from accounts.companies where id = ?")
			.param(id)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	Optional<UUID> findIdByApiTokenHash(String hash) {
		return jdbc.sql("select id from accounts.companies where api_token_hash = ?").param(hash).query(UUID.class).optional();
	}

	Optional<UUID> findIdByScimTokenHash(String hash) {
		return jdbc.sql("select id from accounts.companies where scim_token_hash = ?").param(hash).query(UUID.class).optional();
	}

}
