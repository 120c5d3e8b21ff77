package dev.assent.consentpage;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.Purpose;
import dev.assent.shared.Keyset;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.shared.Commits;
import dev.assent.shared.SqlResults;

import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/** Participant decisions: inserted once, never changed. */
@Repository
class Decisions {

	private static final RowMapper<Decision> ROW = (rs, i) -> new Decision(rs.getObject("id", UUID.class),
			rs.getObject("company_id", UUID.class), rs.getObject("member_id", UUID.class),
			rs.getObject("call_id", UUID.class), rs.getString("participant_id"), Choice.valueOf(rs.getString("choice")),
			Outcome.valueOf(rs.getString("outcome")), rs.getString("notice_sha256"), rs.getString("language"),
			choices(rs.getArray("choices_offered")), rs.getObject("profile_id", UUID.class), rs.getInt("profile_version"),
			rs.getString("provider"), rs.getString("join_url"), rs.getTimestamp("decided_at").toInstant(),
			purposes(rs.getArray("purposes_refused")));

	private final JdbcClient jdbc;

	private final JdbcTemplate templates;

	/** Whether {@link #awaitDisk} can flush by a WAL message; null until first asked. */
	private volatile @Nullable Boolean flushesByMessage;

	Decisions(JdbcClient jdbc, JdbcTemplate templates) {
		this.jdbc = jdbc;
		this.templates = templates;
	}

	/**
	 * The current transaction commits without waiting for the disk: "shown" evidence, which is best
	 * effort ({@link ShownLog}), and decisions, whose writer then calls {@link #awaitDisk}; its
	 * statements run with their generic plans ({@link Commits#hotPathWithoutWaitingForDisk}).
	 */
	void commitWithoutWaitingForDisk() {
		Commits.hotPathWithoutWaitingForDisk(jdbc);
	}

	/**
	 * Returns once the WAL written so far — and so every commit before this call — is on disk (call
	 * it outside any transaction). On PostgreSQL 17 and later, one statement writes a WAL record that
	 * belongs to no transaction and flushes the WAL up to it ({@code pg_logical_emit_message} with
	 * {@code flush}): no row, no index entry, no commit record. Before 17, a transaction of its own
	 * writes the writer's row of {@code consentpage.disk_marks} and, at its commit, waits for the disk
	 * the same way (a transaction that wrote nothing would not wait). Each writer has its own row:
	 * concurrent waits do not queue for a row lock, and PostgreSQL flushes them together.
	 */
	void awaitDisk(UUID writer) {
		if (flushesByMessage()) {
			jdbc.sql("select pg_logical_emit_message(false, 'assent.disk', '', true)").query((rs, i) -> 0).list();
			return;
		}
		jdbc.sql("""
				insert into consentpage.disk_marks (writer, at) values (?, clock_timestamp())
				on conflict (writer) do update set at = excluded.at""")
			.param(writer)
			.update();
	}

	/** Whether the database flushes on request ({@link #awaitDisk}): PostgreSQL 17 or later; asked once. */
	private boolean flushesByMessage() {
		Boolean known = flushesByMessage;
		if (known == null) {
			known = jdbc.sql("select current_setting('server_version_num')::int >= 170000").query(Boolean.class).single();
			flushesByMessage = known;
		}
		return known;
	}

	/** The writer stopped: its row goes. */
	void forgetDiskMark(UUID writer) {
		jdbc.sql("delete from consentpage.disk_marks where writer = ?").param(writer).update();
	}

	private static List<Purpose> purposes(Array array) throws SQLException {
		return Arrays.stream((String[]) array.getArray()).map(Purpose::valueOf).toList();
	}

	private static List<Choice> choices(Array array) throws SQLException {
		return Arrays.stream((String[]) array.getArray()).map(Choice::valueOf).toList();
	}

	private static final String INSERT = """
				insert into consentpage.decisions (id, company_id, member_id, call_id, participant_id, choice, outcome,
				    view_key, notice_sha256, language, choices_offered, profile_id, profile_version, provider, join_url,
				    decided_at, purposes_refused)
				select id, company_id, member_id, call_id, participant_id, choice, outcome, view_key, notice_sha256, language,
				    string_to_array(choices_offered, ','), profile_id, profile_version, provider, join_url,
				    decided_at::timestamptz, string_to_array(purposes_refused, ',')
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
				    ?::text[], ?::text[], ?::text[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[])
				    with ordinality
				    as d(id, company_id, member_id, call_id, participant_id, choice, outcome, view_key, notice_sha256,
				         language, choices_offered, profile_id, profile_version, provider, join_url, decided_at,
				         purposes_refused, ord)
				order by ord
				on conflict (company_id, view_key, choice) do nothing
				returning id""";

	/** {@link #INSERT} after the hot path's transaction settings, in one round trip ({@link #insertAllOnTheHotPath}). */
	private static final String INSERT_ON_THE_HOT_PATH = Commits.HOT_PATH_SETTINGS + ";\n" + INSERT;

	/**
	 * Stores the decisions with one statement, in the given order (their {@code seq}), each unless
	 * its page view already stored the same choice — also earlier in the same list. Answers the ids
	 * of those stored.
	 */
	Set<UUID> insertAll(List<Decision> list, List<String> viewKeys) {
		return new HashSet<>(jdbc.sql(INSERT).params(insertParams(list, viewKeys))
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list());
	}

	/**
	 * {@link #insertAll} as the first statement of a transaction of the decisions' group commit: the transaction
	 * commits without waiting for the disk and runs its statements with their generic plans
	 * ({@link Commits#hotPathWithoutWaitingForDisk}), set in the same round trip as the insert (issue 7: every
	 * round trip of the group commit's transaction is time its single writer is not storing the next batch).
	 */
	Set<UUID> insertAllOnTheHotPath(List<Decision> list, List<String> viewKeys) {
		Object[] params = insertParams(list, viewKeys);
		Set<UUID> stored = new HashSet<>();
		templates.execute(INSERT_ON_THE_HOT_PATH, (PreparedStatement ps) -> {
			new ArgumentPreparedStatementSetter(params).setValues(ps);
			// The settings' one row, then the insert's.
			SqlResults.run(ps, settings -> {
			}, rs -> stored.add(rs.getObject(1, UUID.class)));
			return null;
		});
		return stored;
	}

	private static Object[] insertParams(List<Decision> list, List<String> viewKeys) {
		return new Object[] { uuids(list, Decision::id), uuids(list, Decision::companyId), uuids(list, Decision::memberId),
					uuids(list, Decision::callId), texts(list, Decision::participantId), texts(list, Decision::choice),
					texts(list, Decision::outcome), texts(viewKeys),
					texts(list, Decision::noticeSha256), texts(list, Decision::language),
					texts(list, d -> String.join(",", d.choicesOffered().stream().map(Enum::name).toList())),
					uuids(list, Decision::profileId), list.stream().map(Decision::profileVersion).toArray(Integer[]::new),
					texts(list, Decision::provider), texts(list, Decision::joinUrl),
					texts(list, Decision::decidedAt),
					texts(list, d -> String.join(",", d.purposesRefused().stream().map(Enum::name).toList())) };
	}

	/** A decision with its place in the log ({@code seq}, which breaks ties of {@code decided_at}). */
	record Logged(Decision decision, long seq) {

		Keyset.Cursor cursor() {
			return Keyset.Cursor.of(decision.decidedAt(), seq);
		}

	}

	/**
	 * Up to {@code limit} of the company's decisions older than {@code after}, newest first
	 * ({@code decided_at}, then {@code seq}: a stable order), optionally of one member or call; one query.
	 */
	List<Logged> log(UUID companyId, @Nullable UUID memberId, @Nullable UUID callId, Keyset.@Nullable Cursor after,
			int limit) {
		return new Keyset.Query("select * from consentpage.decisions", "decided_at", "seq", companyId).is("member_id", memberId)
			.is("call_id", callId)
			.after(after, Keyset.Cursor::longKey)
			.newest(jdbc, limit)
			.query((rs, i) -> new Logged(ROW.mapRow(rs, i), rs.getLong("seq")))
			.list();
	}

	/** The decisions of one participant for one occurrence (or member page when {@code callId} is null), newest first. */
	List<Decision> ofParticipant(UUID companyId, UUID memberId, @Nullable UUID callId, String participantId) {
		return jdbc.sql("""
				select * from consentpage.decisions
				where company_id = ? and member_id = ? and call_id is not distinct from ? and participant_id = ?
				order by decided_at desc, seq desc""")
			.params(companyId, memberId, callId, participantId)
			.query(ROW)
			.list();
	}

	/** The latest decision of one participant on a member's page, for any call. */
	java.util.Optional<Decision> latestOfParticipant(UUID companyId, UUID memberId, String participantId) {
		return jdbc.sql("""
				select * from consentpage.decisions where company_id = ? and member_id = ? and participant_id = ?
				order by decided_at desc, seq desc limit 1""")
			.params(companyId, memberId, participantId)
			.query(ROW)
			.optional();
	}

	/** The decisions taken for one call occurrence, newest first. */
	List<Decision> forCall(UUID companyId, UUID callId) {
		return jdbc.sql("select * from consentpage.decisions where company_id = ? and call_id = ? order by decided_at desc, seq desc")
			.params(companyId, callId)
			.query(ROW)
			.list();
	}

	/** The governing (latest) decisions of one call that opt out, one per participant, newest first. */
	List<Decision> standingOptOuts(UUID companyId, UUID callId) {
		return jdbc.sql("""
				select * from (
				    select distinct on (participant_id) * from consentpage.decisions
				    where company_id = ? and call_id = ?
				    order by participant_id, decided_at desc, seq desc) governing
				where outcome = 'OPTED_OUT'
				order by decided_at desc""")
			.params(companyId, callId)
			.query(ROW)
			.list();
	}

	/**
	 * The governing (latest) decisions of one call that consent but refuse purposes asked separately
	 * (PRODUCT X4), one per participant, oldest first.
	 */
	List<Decision> standingPurposeRefusals(UUID companyId, UUID callId) {
		return jdbc.sql("""
				select * from (
				    select distinct on (participant_id) * from consentpage.decisions
				    where company_id = ? and call_id = ?
				    order by participant_id, decided_at desc, seq desc) governing
				where outcome in ('CONSENTED', 'IMPLICIT') and cardinality(purposes_refused) > 0
				order by decided_at, seq""")
			.params(companyId, callId)
			.query(ROW)
			.list();
	}

	/** Per call: how many participants' governing (latest) decision consented (explicitly or implicitly) and opted out. */
	java.util.Map<UUID, int[]> governingOutcomes(UUID companyId, java.util.Collection<UUID> callIds) {
		java.util.Map<UUID, int[]> out = new java.util.HashMap<>();
		if (callIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select call_id, outcome, count(*) as n from (
				    select distinct on (call_id, participant_id) call_id, outcome
				    from consentpage.decisions
				    where company_id = ? and call_id = any(?)
				    order by call_id, participant_id, decided_at desc, seq desc) governing
				group by call_id, outcome""")
			.params(companyId, callIds.toArray(UUID[]::new))
			.query(rs -> {
				int[] t = out.computeIfAbsent(rs.getObject("call_id", UUID.class), k -> new int[2]);
				int n = rs.getInt("n");
				if (Outcome.valueOf(rs.getString("outcome")).refuses()) {
					t[1] += n;
				}
				else {
					t[0] += n;
				}
			});
		return out;
	}

	long count(UUID companyId) {
		return jdbc.sql("select count(*) from consentpage.decisions where company_id = ?").param(companyId).query(Long.class).single();
	}

}
