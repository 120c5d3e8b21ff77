package dev.assent.consentpage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Consent page settings per company; a company without a row has the defaults. */
@Repository
class PageSettings {

	private static final RowMapper<ConsentPageSettings> ROW = (rs, i) -> new ConsentPageSettings(
			rs.getObject("company_id", UUID.class), LinkType.valueOf(rs.getString("link_type")),
			rs.getBoolean("protected_links"),
			rs.getTimestamp("protected_since") == null ? null : rs.getTimestamp("protected_since").toInstant(),
			rs.getString("notice_html"), rs.getString("policy_url"), rs.getString("logo_sha256"), rs.getString("logo_type"),
			rs.getTimestamp("updated_at").toInstant());

	private final JdbcClient jdbc;

	PageSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ConsentPageSettings> find(UUID companyId) {
		return jdbc.sql("""
				select company_id, link_type, protected_links, protected_since, notice_html, policy_url, logo_sha256,
				       logo_type, updated_at
				from consentpage.settings where company_id = ?""").param(companyId).query(ROW).optional();
	}

	/** The company's settings, or the defaults of a company that never saved any. */
	ConsentPageSettings findOrDefaults(UUID companyId, Instant now) {
		return find(companyId).orElseGet(() -> ConsentPageSettings.defaults(companyId, now));
	}

	void save(ConsentPageSettings s) {
		jdbc.sql("""
				insert into consentpage.settings (company_id, link_type, protected_links, protected_since, notice_html,
				    policy_url, updated_at)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (company_id) do update set link_type = excluded.link_type,
				    protected_links = excluded.protected_links, protected_since = excluded.protected_since,
				    notice_html = excluded.notice_html, policy_url = excluded.policy_url, updated_at = excluded.updated_at""")
			.params(s.companyId(), s.linkType().name(), s.protectedLinks(),
					s.protectedSince() == null ? null : Timestamp.from(s.protectedSince()), s.noticeHtml(), s.policyUrl(),
					Timestamp.from(s.updatedAt()))
			.update();
	}

	void saveLogo(UUID companyId, byte[] logo, String type, String sha256, Instant at) {
		jdbc.sql("""
				insert into consentpage.settings (company_id, logo, logo_type, logo_sha256, updated_at)
				values (?, ?, ?, ?, ?)
				on conflict (company_id) do update set logo = excluded.logo, logo_type = excluded.logo_type,
				    logo_sha256 = excluded.logo_sha256, updated_at = excluded.updated_at""")
			.params(companyId, logo, type, sha256, Timestamp.from(at))
			.update();
	}

	record Logo(byte[] bytes, String type) {
	}

	Optional<Logo> findLogo(String sha256) {
		return jdbc.sql("select logo, logo_type from consentpage.settings where logo_sha256 = ? limit 1")
			.param(sha256)
			.query((rs, i) -> new Logo(rs.getBytes("logo"), rs.getString("logo_type")))
			.optional();
	}

	/**
	 * Notice texts known to be stored: shown texts are content-addressed and never change or go,
	 * so a text stored once needs no second insert (each first view of a page rendered one).
	 */
	private final java.util.Set<String> storedTexts = java.util.concurrent.ConcurrentHashMap.newKeySet();

	void rememberShownText(String sha256, String html, Instant at) {
		if (storedTexts.contains(sha256)) {
			return;
		}
		jdbc.sql("insert into consentpage.shown_texts (sha256, html, first_shown_at) values (?, ?, ?) on conflict do nothing")
			.params(sha256, html, Timestamp.from(at))
			.update();
		if (storedTexts.size() >= 10_000) {
			storedTexts.clear();
		}
		storedTexts.add(sha256);
	}

	Optional<String> shownText(String sha256) {
		return jdbc.sql("select html from consentpage.shown_texts where sha256 = ?").param(sha256).query(String.class).optional();
	}

}
