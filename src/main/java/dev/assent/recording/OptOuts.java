package dev.assent.recording;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.consentpage.ConsentDeclined;
import dev.assent.shared.SqlRead;
import dev.assent.shared.SqlResults;

import static dev.assent.recording.Commands.instant;
import static dev.assent.recording.Sessions.ts;
import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/** The opt-outs this module acted on, once per decision. */
@Repository
class OptOuts {

	/** Who opted out of a call, with the name and email the recorder saw when the join was matched. */
	record OptOut(UUID callId, String participantId, Instant decidedAt, String effect, @Nullable String name,
			@Nullable String email) {
	}

	private static final String INSERT = """
			insert into recording.opt_outs (decision_id, company_id, call_id, participant_id, decided_at, effect, created_at)
			select decision_id, company_id, call_id, participant_id, decided_at::timestamptz, 'NONE', ?
			from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
			    as o(decision_id, company_id, call_id, participant_id, decided_at)
			on conflict (decision_id) do nothing
			returning decision_id""";

	private final JdbcClient jdbc;

	private final JdbcTemplate templates;

	OptOuts(JdbcClient jdbc, JdbcTemplate templates) {
		this.jdbc = jdbc;
		this.templates = templates;
	}

	/** Stores the opt-outs not stored before (one statement); answers the decision ids of those stored now. */
	Set<UUID> insertAll(List<ConsentDeclined> optOuts, Instant now) {
		if (optOuts.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql(INSERT).params(insertParams(optOuts, now))
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list());
	}

	/**
	 * What {@link #insertAllReadingJoins} stored and read: the decision ids stored now, the calls' joins by call, and
	 * the rows of the read sent with them.
	 */
	record Stored<T>(Set<UUID> fresh, Map<UUID, List<Participants.Joined>> joined, List<T> read) {
	}

	/**
	 * {@link #insertAll} as the first statement of work under {@code savepoint}, with the joins of the opt-outs'
	 * calls ({@link Participants#ofCalls}) and {@code alsoRead} (the calls, lent by their module) read by the same
	 * round trip, after the insert (issue 7: the decisions' group commit took three for them, then two). A call
	 * nobody joined is left out of the joins.
	 */
	<T> Stored<T> insertAllReadingJoins(List<ConsentDeclined> optOuts, Instant now, WithTheDecisions.Savepoint savepoint,
			SqlRead<T> alsoRead) {
		if (optOuts.isEmpty()) {
			return new Stored<>(Set.of(), Map.of(), List.of());
		}
		Object[] insert = insertParams(optOuts, now);
		List<Object> params = new ArrayList<>(Arrays.asList(insert));
		params.add(uuids(optOuts.stream().map(ConsentDeclined::callId).distinct().toList()));
		params.addAll(Arrays.asList(alsoRead.params()));
		Set<UUID> fresh = new HashSet<>();
		Map<UUID, List<Participants.Joined>> joined = new HashMap<>();
		List<T> read = new ArrayList<>();
		String sql = savepoint.first(INSERT + ";\n" + Participants.OF_CALLS + ";\n" + alsoRead.sql());
		templates.execute(sql, (PreparedStatement ps) -> {
			new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
			SqlResults.run(ps, rs -> fresh.add(rs.getObject(1, UUID.class)), rs -> {
				Participants.Joined j = Participants.joined(rs, 0);
				joined.computeIfAbsent(j.callId(), k -> new ArrayList<>()).add(j);
			}, alsoRead.into(read));
			return null;
		});
		return new Stored<>(fresh, joined, read);
	}

	private static Object[] insertParams(List<ConsentDeclined> optOuts, Instant now) {
		return new Object[] { ts(now), uuids(optOuts, ConsentDeclined::decisionId),
				uuids(optOuts, ConsentDeclined::companyId), uuids(optOuts, ConsentDeclined::callId),
				texts(optOuts, ConsentDeclined::participantId), texts(optOuts, ConsentDeclined::occurredAt) };
	}

	/** A recorded share as stored (four decimals). */
	static @Nullable BigDecimal share(@Nullable Double share) {
		return share == null ? null : BigDecimal.valueOf(share).setScale(4, java.math.RoundingMode.HALF_UP);
	}

	/** Whether any of these participants opted out of the call (PRODUCT C10: who may reopen it). */
	boolean anyOf(UUID companyId, UUID callId, Collection<String> participantIds) {
		return !participantIds.isEmpty() && jdbc.sql("""
				select exists (select 1 from recording.opt_outs
				               where company_id = ? and call_id = ? and participant_id = any(?))""")
			.params(companyId, callId, participantIds.toArray(String[]::new))
			.query(Boolean.class)
			.single();
	}

	List<OptOut> forCalls(UUID companyId, Collection<UUID> callIds) {
		if (callIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select o.call_id, o.participant_id, o.decided_at, o.effect, p.name, p.email
				from recording.opt_outs o
				left join recording.participants p on p.call_id = o.call_id and p.decision_participant_id = o.participant_id
				where o.company_id = ? and o.call_id = any(?)
				order by o.decided_at, o.participant_id""")
			.params(companyId, callIds.toArray(UUID[]::new))
			.query((rs, i) -> new OptOut(rs.getObject("call_id", UUID.class), rs.getString("participant_id"),
					instant(rs, "decided_at"), rs.getString("effect"), rs.getString("name"), rs.getString("email")))
			.list();
	}

}
