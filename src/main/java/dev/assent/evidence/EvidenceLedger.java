package dev.assent.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.AtCommit;
import dev.assent.shared.Ids;
import dev.assent.shared.TextArray;

import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/**
 * The consent ledger (PRODUCT X1): appends evidence in the caller's transaction, so a decision and
 * its evidence are stored together or not at all, and chains it. Each call of
 * {@link #appendAll} makes one link per company involved, carrying the hash of that company's
 * previous link and the digest of its records' content hashes — all in one statement, so it rides
 * the decisions' group commit (ADR 0005, 0006). Records, links and texts are never changed: a
 * trigger refuses it, and the application's database role holds no UPDATE or DELETE on them.
 */
@Service
public class EvidenceLedger {

	/** Canonical JSON: map keys sorted at every depth, no white space. */
	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

	static final RowMapper<EvidenceRecord> ROW = EvidenceLedger::record;

	/** Appends a batch of records: per company one new link of its chain, each text once, then the records. */
	private static final String APPEND = """
			with batch as (
			    select * from unnest(?::uuid[], ?::text[], ?::int[]) as b(company_id, records_sha256, record_count)
			    where ?
			), head as (
			    insert into evidence.heads as h (company_id, seq, prev_sha256, records_sha256, sha256)
			    select company_id, 1, repeat('0', 64), records_sha256,
			        encode(sha256(convert_to(company_id::text || '|1|' || repeat('0', 64) || '|' || records_sha256, 'UTF8')), 'hex')
			    from batch order by company_id
			    on conflict (company_id) do update set
			        seq = h.seq + 1,
			        prev_sha256 = h.sha256,
			        records_sha256 = excluded.records_sha256,
			        sha256 = encode(sha256(convert_to(h.company_id::text || '|' || (h.seq + 1)::text || '|' || h.sha256
			            || '|' || excluded.records_sha256, 'UTF8')), 'hex')
			    returning company_id, seq, prev_sha256, records_sha256, sha256
			), links as (
			    insert into evidence.links (company_id, seq, prev_sha256, records_sha256, record_count, sha256, sealed_at)
			    select h.company_id, h.seq, h.prev_sha256, h.records_sha256, b.record_count, h.sha256, ?::timestamptz
			    from head h join batch b using (company_id)
			    returning company_id, seq
			), shown_texts as (
			    insert into evidence.texts (sha256, media_type, content, first_seen_at)
			    select sha256, media_type, content, ?::timestamptz from unnest(?::text[], ?::text[], ?::text[])
			        as t(sha256, media_type, content)
			    on conflict (sha256) do nothing
			), stored as (
			    insert into evidence.records (id, company_id, call_id, member_id, participant, kind, method, decision,
			        shown_text, content_sha256, recorded_at, text_sha256, link_seq, link_pos)
			    select e.id, e.company_id, e.call_id, e.member_id, e.participant, e.kind, e.method, e.decision,
			        e.shown, e.content_sha256, e.recorded_at::timestamptz, e.text_sha256, l.seq,
			        case when l.seq is not null then e.link_pos end
			    from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
			        ?::text[], ?::text[], ?::text[], ?::text[], ?::int[]) with ordinality
			        as e(id, company_id, call_id, member_id, participant, kind, method, decision, shown, content_sha256,
			             recorded_at, text_sha256, link_pos, ord)
			    left join links l on l.company_id = e.company_id
			    order by e.ord
			    returning company_id, link_seq
			)
			select distinct company_id, link_seq from stored where link_seq is not null""";

	private final JdbcClient jdbc;

	/** Benchmark only (bench/evidence/chain-cost.sh): records are stored unchained, as before the chain. */
	private final boolean chained;

	private final AtCommit atCommit;

	EvidenceLedger(JdbcClient jdbc, AtCommit atCommit,
			@Value("${assent.evidence.bench-without-chain:false}") boolean withoutChain) {
		this.jdbc = jdbc;
		this.atCommit = atCommit;
		this.chained = !withoutChain;
		if (withoutChain) {
			LoggerFactory.getLogger(EvidenceLedger.class)
				.warn("assent.evidence.bench-without-chain=true: EVIDENCE IS NOT CHAINED. This setting exists only to "
						+ "measure what the chain costs (bench/evidence/chain-cost.sh); never use it for real consent.");
		}
	}

	/**
	 * Appends records with one statement, in the caller's transaction, in the given order: per
	 * company one new link of its chain, and each text shown once.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<EvidenceRecord> appendAll(List<NewEvidence> entries) {
		if (entries.isEmpty()) {
			return List.of();
		}
		Append append = prepare(entries);
		Map<UUID, Long> seqs = new LinkedHashMap<>();
		jdbc.sql(APPEND).params(append.params()).query(rs -> {
			seqs.put(rs.getObject(1, UUID.class), rs.getLong(2));
		});
		return append.records()
			.stream()
			.map(r -> new EvidenceRecord(r.id(), r.companyId(), r.callId(), r.memberId(), r.participant(), r.kind(),
					r.method(), r.decision(), r.shown(), r.contentSha256(), r.recordedAt(), r.textSha256(),
					seqs.get(r.companyId()), r.linkPos()))
			.toList();
	}

	/**
	 * {@link #appendAll}, sent with the transaction's other statements at commit ({@link AtCommit}, one
	 * round trip for all; issue 7): the company's chain head is locked only from then until the commit.
	 * Their records are prepared now (their ids, content hashes and place in their link); a failure to
	 * store them fails the commit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAllAtCommit(List<NewEvidence> entries) {
		if (!entries.isEmpty()) {
			atCommit.statements().add(APPEND, prepare(entries).params());
		}
	}

	/** The records of a batch, and the parameters of {@link #APPEND} that store them. */
	private record Append(List<EvidenceRecord> records, Object[] params) {
	}

	private Append prepare(List<NewEvidence> entries) {
		Instant sealedAt = entries.get(entries.size() - 1).at().truncatedTo(ChronoUnit.MICROS);
		List<EvidenceRecord> records = new ArrayList<>(entries.size());
		List<String> shownJson = new ArrayList<>(entries.size());
		Map<UUID, List<String>> hashesByCompany = new LinkedHashMap<>();
		Map<String, ShownText> texts = new LinkedHashMap<>();
		Map<String, String> shaOfContent = new HashMap<>();
		for (NewEvidence e : entries) {
			Instant at = e.at().truncatedTo(ChronoUnit.MICROS);
			UUID id = Ids.timeOrdered(at);
			String json = JSON.writeValueAsString(e.shown());
			String textSha = null;
			if (e.text() != null) {
				// The records of a batch mostly show the same notice: its hash is taken once.
				textSha = shaOfContent.computeIfAbsent(e.text().content(), c -> e.text().sha256());
				texts.putIfAbsent(textSha, e.text());
			}
			String sha = Hashes.sha256(content(id, e.companyId(), e.callId(), e.memberId(), e.participant(), e.kind(),
					e.method(), e.decision(), json, at, textSha));
			List<String> chain = hashesByCompany.computeIfAbsent(e.companyId(), k -> new ArrayList<>());
			chain.add(sha);
			records.add(new EvidenceRecord(id, e.companyId(), e.callId(), e.memberId(), e.participant(), e.kind(),
					e.method(), e.decision(), e.shown(), sha, at, textSha, null, chain.size()));
			shownJson.add(json);
		}
		List<UUID> companies = new ArrayList<>(hashesByCompany.keySet());
		TextArray digests = texts(companies, c -> recordsDigest(hashesByCompany.get(c)));
		Integer[] counts = companies.stream().map(c -> hashesByCompany.get(c).size()).toArray(Integer[]::new);
		List<ShownText> textList = new ArrayList<>(texts.values());
		return new Append(records, new Object[] { uuids(companies), digests, counts, chained,
					sealedAt.toString(), sealedAt.toString(), texts(textList, ShownText::sha256),
					texts(textList, ShownText::mediaType),
					texts(textList, ShownText::content),
					uuids(records, EvidenceRecord::id), uuids(records, EvidenceRecord::companyId),
					uuids(records, EvidenceRecord::callId), uuids(records, EvidenceRecord::memberId),
					texts(records, EvidenceRecord::participant), texts(records, EvidenceRecord::kind),
					texts(records, EvidenceRecord::method), texts(records, EvidenceRecord::decision),
					texts(shownJson), texts(records, EvidenceRecord::contentSha256),
					texts(records, EvidenceRecord::recordedAt), texts(records, EvidenceRecord::textSha256),
					records.stream().map(EvidenceRecord::linkPos).toArray(Integer[]::new) });
	}

	/** The evidence about one team member's page, newest first. */
	public List<EvidenceRecord> forMember(UUID companyId, UUID memberId, int limit) {
		return jdbc.sql("""
				select * from evidence.records where company_id = ? and member_id = ?
				order by recorded_at desc limit ?""").params(companyId, memberId, limit).query(ROW).list();
	}

	/** The evidence of one call occurrence, in the order it was recorded. */
	public List<EvidenceRecord> forCall(UUID companyId, UUID callId) {
		return jdbc.sql("""
				select * from evidence.records where company_id = ? and call_id = ?
				order by link_seq nulls first, link_pos, recorded_at""").params(companyId, callId).query(ROW).list();
	}

	/** The evidence of one participant (an email or anonymous participant id), in the order it was recorded. */
	public List<EvidenceRecord> forParticipant(UUID companyId, String participant) {
		return jdbc.sql("""
				select * from evidence.records where company_id = ? and participant = ?
				order by link_seq nulls first, link_pos, recorded_at""").params(companyId, participant).query(ROW).list();
	}

	/** The texts shown, by their SHA-256. */
	public Map<String, ShownText> shownTexts(Collection<String> sha256s) {
		Map<String, ShownText> out = new LinkedHashMap<>();
		if (sha256s.isEmpty()) {
			return out;
		}
		jdbc.sql("select sha256, media_type, content from evidence.texts where sha256 = any(?)")
			.param(sha256s.toArray(String[]::new))
			.query(rs -> {
				out.put(rs.getString(1), new ShownText(rs.getString(2), rs.getString(3)));
			});
		return out;
	}

	/** The last link of a company's chain, if it has one. */
	public Optional<ChainPosition> head(UUID companyId) {
		return jdbc.sql("select seq, sha256 from evidence.links where company_id = ? order by seq desc limit 1")
			.param(companyId)
			.query((rs, i) -> new ChainPosition(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	static EvidenceRecord record(ResultSet rs, int i) throws SQLException {
		long seq = rs.getLong("link_seq");
		Long linkSeq = rs.wasNull() ? null : seq;
		int pos = rs.getInt("link_pos");
		Integer linkPos = rs.wasNull() ? null : pos;
		return new EvidenceRecord(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
				rs.getObject("call_id", UUID.class), rs.getObject("member_id", UUID.class), rs.getString("participant"),
				rs.getString("kind"), rs.getString("method"), rs.getString("decision"), readMap(shown(rs)),
				rs.getString("content_sha256"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("text_sha256"),
				linkSeq, linkPos);
	}

	/**
	 * What the record says was shown: the exact JSON text its hash was taken over ({@code shown_text}), or, for a
	 * record made before V76, its JSONB ({@code shown}). A record keeps one of them (V91).
	 */
	private static String shown(ResultSet rs) throws SQLException {
		String text = rs.getString("shown_text");
		return text != null ? text : rs.getString("shown");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> readMap(String json) {
		return JSON.readValue(json, Map.class);
	}

	/** The canonical content a chained record's hash is taken over. */
	static String content(UUID id, UUID companyId, @Nullable UUID callId, @Nullable UUID memberId, String participant,
			String kind, String method, String decision, String shownJson, Instant at, @Nullable String textSha256) {
		return content(id.toString(), companyId.toString(), callId == null ? null : callId.toString(),
				memberId == null ? null : memberId.toString(), participant, kind, method, decision, shownJson, at,
				textSha256);
	}

	/** {@link #content} from the ids' text (lower-case, as both Java and PostgreSQL write a UUID). */
	static String content(String id, String companyId, @Nullable String callId, @Nullable String memberId,
			String participant, String kind, String method, String decision, String shownJson, Instant at,
			@Nullable String textSha256) {
		return String.join("\n", id, companyId, String.valueOf(callId), String.valueOf(memberId), participant, kind,
				method, decision, shownJson, at.toString(), textSha256 == null ? "" : textSha256);
	}

	/** The content hash of a stored record, recomputed from its fields. */
	static String recompute(EvidenceRecord r) {
		return Hashes.sha256(content(r.id(), r.companyId(), r.callId(), r.memberId(), r.participant(), r.kind(),
				r.method(), r.decision(), JSON.writeValueAsString(r.shown()), r.recordedAt(), r.textSha256()));
	}

	/** The digest of a link's records: SHA-256 over their content hashes, one a line, in order. */
	static String recordsDigest(List<String> contentHashes) {
		return Hashes.sha256(String.join("\n", contentHashes));
	}

}
