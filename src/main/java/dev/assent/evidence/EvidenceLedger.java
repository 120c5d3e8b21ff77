package dev.assent.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.Ids;

import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

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

	/** Appends records with one statement, in the caller's transaction, in the given order. */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<EvidenceRecord> appendAll(List<NewEvidence> entries) {
		List<EvidenceRecord> records = new ArrayList<>(entries.size());
		List<String> shownJson = new ArrayList<>(entries.size());
		for (NewEvidence e : entries) {
			UUID id = Ids.timeOrdered(e.at());
			String json = JSON.writeValueAsString(new TreeMap<>(e.shown()));
			String sha = sha256(String.join("\n", id.toString(), e.companyId().toString(), String.valueOf(e.callId()),
					String.valueOf(e.memberId()), e.participant(), e.kind(), e.method(), e.decision(), json,
					e.at().toString()));
			records.add(new EvidenceRecord(id, e.companyId(), e.callId(), e.memberId(), e.participant(), e.kind(),
					e.method(), e.decision(), e.shown(), sha, e.at()));
			shownJson.add(json);
		}
		if (records.isEmpty()) {
			return records;
		}
		jdbc.sql("""
				insert into evidence.records (id, company_id, call_id, member_id, participant, kind, method, decision,
				    shown, content_sha256, recorded_at)
				select id, company_id, call_id, member_id, participant, kind, method, decision, shown::jsonb,
				    content_sha256, recorded_at::timestamptz
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
				    ?::text[], ?::text[], ?::text[]) with ordinality
				    as e(id, company_id, call_id, member_id, participant, kind, method, decision, shown, content_sha256,
				         recorded_at, ord)
				order by ord""")
			.params(uuids(records, EvidenceRecord::id), uuids(records, EvidenceRecord::companyId),
					uuids(records, EvidenceRecord::callId), uuids(records, EvidenceRecord::memberId),
					texts(records, EvidenceRecord::participant), texts(records, EvidenceRecord::kind),
					texts(records, EvidenceRecord::method), texts(records, EvidenceRecord::decision),
					shownJson.toArray(String[]::new), texts(records, EvidenceRecord::contentSha256),
					texts(records, EvidenceRecord::recordedAt))
			.update();
		return records;
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
