package dev.assent.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends consent evidence in the caller's transaction, so a decision and its evidence are
 * stored together or not at all. Records are never changed (a database trigger refuses it).
 */
@Service
public class EvidenceLedger {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	EvidenceLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public EvidenceRecord append(UUID companyId, @Nullable UUID callId, @Nullable UUID memberId, String participant,
			String kind, String method, String decision, Map<String, Object> shown, Instant at) {
		UUID id = UUID.randomUUID();
		String shownJson = JSON.writeValueAsString(new TreeMap<>(shown));
		String sha = sha256(String.join("\n", id.toString(), companyId.toString(), String.valueOf(callId),
				String.valueOf(memberId), participant, kind, method, decision, shownJson, at.toString()));
		jdbc.sql("""
				insert into evidence.records (id, company_id, call_id, member_id, participant, kind, method, decision,
				    shown, content_sha256, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
			.params(id, companyId, callId, memberId, participant, kind, method, decision, shownJson, sha,
					Timestamp.from(at))
			.update();
		return new EvidenceRecord(id, companyId, callId, memberId, participant, kind, method, decision, shown, sha, at);
	}

	/** The evidence about one team member's page, newest first. */
	public List<EvidenceRecord> forMember(UUID companyId, UUID memberId, int limit) {
		return jdbc.sql("""
				select * from evidence.records where company_id = ? and member_id = ?
				order by recorded_at desc limit ?""")
			.params(companyId, memberId, limit)
			.query((rs, i) -> new EvidenceRecord(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
					rs.getObject("call_id", UUID.class), rs.getObject("member_id", UUID.class), rs.getString("participant"),
					rs.getString("kind"), rs.getString("method"), rs.getString("decision"),
					readMap(rs.getString("shown")), rs.getString("content_sha256"),
					rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readMap(String json) {
		return JSON.readValue(json, Map.class);
	}

	static String sha256(String content) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
