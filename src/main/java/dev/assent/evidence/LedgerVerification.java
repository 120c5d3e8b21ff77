package dev.assent.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks a company's evidence chain from its first link to its last and names the first link (and
 * record) that does not hold (PRODUCT X1): a record whose content no longer matches its hash, a
 * link whose records were changed, added or removed, a link that does not carry its predecessor's
 * hash, a missing link, a changed notice text. Reads in one pass, streaming, in a read-only
 * transaction at repeatable read (one consistent snapshot).
 */
@Service
public class LedgerVerification {

	/** The outcome of a walk. {@code firstBroken} is null when the chain holds. */
	public record Result(UUID companyId, boolean intact, long links, long records, @Nullable ChainPosition head,
			@Nullable Broken firstBroken, Instant verifiedAt, long millis) {
	}

	/** Where the chain first breaks: the link, the record when one is to blame, and what is wrong. */
	public record Broken(long linkSeq, @Nullable UUID recordId, String problem) {
	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	LedgerVerification(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Repeatable read: the walk, the texts and the head are read in one snapshot, so links appended
	 * while the walk runs are neither half seen nor reported missing.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Result verify(UUID companyId) {
		long started = System.nanoTime();
		// A long chain is one long streaming read: not bound by the 15 s every request's statement gets
		// (a million records take ~10 s on two cores), only by this walk's own limit.
		jdbc.execute("set local statement_timeout = '10min'");
		Walk walk = new Walk(companyId);
		JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
		streaming.setFetchSize(5000);
		streaming.query("""
				select l.seq, l.prev_sha256, l.records_sha256, l.record_count, l.sha256 as link_sha256,
				    r.id::text as id, r.call_id::text as call_id, r.member_id::text as member_id, r.participant, r.kind,
				    r.method, r.decision, r.shown_text, case when r.shown_text is null then r.shown::text end as shown,
				    r.shown_text is null or r.shown is null or r.shown_text::jsonb = r.shown as shown_matches,
				    r.content_sha256, r.recorded_at, r.text_sha256, r.link_pos
				from evidence.links l
				left join evidence.records r on r.company_id = l.company_id and r.link_seq = l.seq
				where l.company_id = ?
				order by l.seq, r.link_pos""", (RowCallbackHandler) rs -> {
			if (walk.broken != null) {
				return;
			}
			long seq = rs.getLong("seq");
			if (walk.current == null || walk.current.seq != seq) {
				walk.close();
				if (walk.broken != null) {
					return;
				}
				walk.open(new Link(seq, rs.getString("prev_sha256"), rs.getString("records_sha256"),
						rs.getInt("record_count"), rs.getString("link_sha256")));
			}
			if (walk.broken == null && rs.getString("id") != null) {
				walk.add(rs);
			}
		}, companyId);
		if (walk.broken == null) {
			walk.close();
		}
		if (walk.broken == null) {
			checkTexts(walk);
		}
		if (walk.broken == null) {
			Long headSeq = jdbc.query("select seq from evidence.heads where company_id = ?",
					rs -> rs.next() ? rs.getLong(1) : null, companyId);
			if (headSeq != null && headSeq > walk.lastSeq) {
				walk.broken = new Broken(walk.lastSeq + 1, null,
						"links " + (walk.lastSeq + 1) + " to " + headSeq + " are missing");
			}
		}
		ChainPosition head = walk.lastSeq == 0 ? null : new ChainPosition(walk.lastSeq, walk.previousSha);
		return new Result(companyId, walk.broken == null, walk.lastSeq, walk.records, head, walk.broken,
				Instant.now(clock), Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private void checkTexts(Walk walk) {
		jdbc.query("""
				select t.sha256, t.content, (select min(link_seq) from evidence.records r
				                            where r.company_id = ? and r.text_sha256 = t.sha256) as first_seq
				from evidence.texts t
				where t.sha256 in (select distinct text_sha256 from evidence.records where company_id = ? and text_sha256 is not null)
				order by first_seq""", (RowCallbackHandler) rs -> {
			if (walk.broken == null && !Hashes.sha256(rs.getString("content")).equals(rs.getString("sha256"))) {
				walk.broken = new Broken(rs.getLong("first_seq"), null,
						"the text " + rs.getString("sha256") + " shown was changed");
			}
		}, walk.companyId, walk.companyId);
	}

	private record Link(long seq, String prevSha256, String recordsSha256, int recordCount, String sha256) {
	}

	private static final class Walk {

		final UUID companyId;

		final String company;

		@Nullable Link current;

		final List<String> hashes = new ArrayList<>();

		long lastSeq;

		String previousSha = Hashes.GENESIS;

		long records;

		@Nullable Broken broken;

		Walk(UUID companyId) {
			this.companyId = companyId;
			this.company = companyId.toString();
		}

		void open(Link link) {
			if (link.seq != lastSeq + 1) {
				broken = new Broken(lastSeq + 1, null, "link " + (lastSeq + 1) + " is missing");
				return;
			}
			if (!link.prevSha256.equals(previousSha)) {
				broken = new Broken(link.seq, null, "link " + link.seq + " does not carry the hash of link " + lastSeq);
				return;
			}
			if (!Hashes.link(company, link.seq, link.prevSha256, link.recordsSha256).equals(link.sha256)) {
				broken = new Broken(link.seq, null, "link " + link.seq + " does not match its hash");
				return;
			}
			current = link;
			hashes.clear();
		}

		/**
		 * Checks one record of the current link. Its hash is recomputed over the exact JSON text it
		 * was taken over when the record keeps it ({@code shown_text}; records made between V76 and V91 also
		 * kept it as JSONB, and the database checks that {@code shown} still says the same); records made before
		 * V76 are re-serialised from {@code shown} (canonical JSON, members sorted), as they were hashed. Same
		 * definition either way.
		 */
		void add(ResultSet rs) throws SQLException {
			Link link = current;
			if (link == null) {
				return;
			}
			records++;
			String id = rs.getString("id");
			int pos = rs.getInt("link_pos");
			if (rs.wasNull() || pos != hashes.size() + 1) {
				broken = new Broken(link.seq, UUID.fromString(id), "record " + id + " is out of place in link " + link.seq);
				return;
			}
			String shownJson = rs.getString("shown_text");
			if (shownJson == null) {
				shownJson = EvidenceLedger.JSON.writeValueAsString(EvidenceLedger.readMap(rs.getString("shown")));
			}
			String stored = rs.getString("content_sha256");
			if (!rs.getBoolean("shown_matches")
					|| !Hashes.sha256(EvidenceLedger.content(id, company, rs.getString("call_id"), rs.getString("member_id"),
							rs.getString("participant"), rs.getString("kind"), rs.getString("method"), rs.getString("decision"),
							shownJson, rs.getTimestamp("recorded_at").toInstant(), rs.getString("text_sha256")))
						.equals(stored)) {
				broken = new Broken(link.seq, UUID.fromString(id), "record " + id + " does not match its hash");
				return;
			}
			hashes.add(stored);
		}

		void close() {
			Link link = current;
			if (link == null) {
				return;
			}
			if (hashes.size() != link.recordCount || !EvidenceLedger.recordsDigest(hashes).equals(link.recordsSha256)) {
				broken = new Broken(link.seq, null, "the records of link " + link.seq + " were changed, added or removed");
				return;
			}
			lastSeq = link.seq;
			previousSha = link.sha256;
			current = null;
		}

	}

	/** For tests and the command line: which companies have a chain. */
	public Set<UUID> companiesWithChains() {
		return new HashSet<>(jdbc.queryForList("select company_id from evidence.heads", UUID.class));
	}

}
