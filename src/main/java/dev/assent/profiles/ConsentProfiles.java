package dev.assent.profiles;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Consent profiles, always scoped by company. */
@Repository
class ConsentProfiles {

	private static final RowMapper<ConsentProfile> ROW = (rs, i) -> new ConsentProfile(rs.getObject("id", UUID.class),
			rs.getObject("company_id", UUID.class), rs.getString("name"), rs.getBoolean("is_default"),
			ConsentPageMode.valueOf(rs.getString("consent_page")),
			ParticipantChoice.valueOf(rs.getString("participant_choice")), rs.getString("audio_prompt_id"),
			(Integer) rs.getObject("pre_call_email_minutes"), strings(rs.getArray("languages")),
			rs.getString("notice_html"), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant(),
			strings(rs.getArray("purposes")).stream().map(n -> Purpose.parse(n).orElseThrow()).toList(),
			LawfulBasis.valueOf(rs.getString("lawful_basis")), rs.getString("legitimate_interests_assessment"));

	private final JdbcClient jdbc;

	ConsentProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	private static String[] names(List<Purpose> purposes) {
		return purposes.stream().map(Enum::name).toArray(String[]::new);
	}

	List<ConsentProfile> findAll(UUID companyId) {
		return jdbc.sql("select * from profiles.consent_profiles where company_id = ? order by is_default desc, lower(name)")
			.param(companyId)
			.query(ROW)
			.list();
	}

	Optional<ConsentProfile> findById(UUID companyId, UUID id) {
		return jdbc.sql("select * from profiles.consent_profiles where company_id = ? and id = ?")
			.params(companyId, id)
			.query(ROW)
			.optional();
	}

	Optional<ConsentProfile> findDefault(UUID companyId) {
		return jdbc.sql("select * from profiles.consent_profiles where company_id = ? and is_default")
			.param(companyId)
			.query(ROW)
			.optional();
	}

	Optional<ConsentProfile> findByName(UUID companyId, String name) {
		return jdbc.sql("select * from profiles.consent_profiles where company_id = ? and lower(name) = lower(?)")
			.params(companyId, name)
			.query(ROW)
			.optional();
	}

	void insert(ConsentProfile p) {
		jdbc.sql("""
				insert into profiles.consent_profiles (id, company_id, name, is_default, consent_page, participant_choice,
				    audio_prompt_id, pre_call_email_minutes, languages, notice_html, version, created_at, updated_at,
				    purposes, lawful_basis, legitimate_interests_assessment)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(p.id(), p.companyId(), p.name(), p.isDefault(), p.consentPage().name(), p.participantChoice().name(),
					p.audioPromptId(), p.preCallEmailMinutes(), p.languages().toArray(new String[0]), p.noticeHtml(),
					p.version(), Timestamp.from(p.createdAt()), Timestamp.from(p.updatedAt()), names(p.purposes()),
					p.lawfulBasis().name(), p.legitimateInterestsAssessment())
			.update();
	}

	void update(ConsentProfile p) {
		jdbc.sql("""
				update profiles.consent_profiles set name = ?, consent_page = ?, participant_choice = ?,
				    audio_prompt_id = ?, pre_call_email_minutes = ?, languages = ?, notice_html = ?, version = ?,
				    updated_at = ?, purposes = ?, lawful_basis = ?, legitimate_interests_assessment = ?
				where company_id = ? and id = ?""")
			.params(p.name(), p.consentPage().name(), p.participantChoice().name(), p.audioPromptId(),
					p.preCallEmailMinutes(), p.languages().toArray(new String[0]), p.noticeHtml(), p.version(),
					Timestamp.from(p.updatedAt()), names(p.purposes()), p.lawfulBasis().name(),
					p.legitimateInterestsAssessment(), p.companyId(), p.id())
			.update();
	}

	void makeDefault(UUID companyId, UUID id) {
		jdbc.sql("update profiles.consent_profiles set is_default = false where company_id = ? and is_default")
			.param(companyId)
			.update();
		jdbc.sql("update profiles.consent_profiles set is_default = true where company_id = ? and id = ?")
			.params(companyId, id)
			.update();
	}

	void delete(UUID companyId, UUID id) {
		jdbc.sql("delete from profiles.consent_profiles where company_id = ? and id = ?").params(companyId, id).update();
	}

}
