package dev.assent.recording;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.consentpage.ConsentDeclined;

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

	private final JdbcClient jdbc;

	OptOuts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the opt-outs not stored before (one statement); answers the decision ids of those stored now. */
	Set<UUID> insertAll(List<ConsentDeclined> optOuts, Instant now) {
		if (optOuts.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				insert into recording.opt_outs (decision_id, company_id, call_id, participant_id, decided_at, effect, created_at)
				select decision_id, company_id, call_id, participant_id, decided_at::timestamptz, 'NONE', ?
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
				    as o(decision_id, company_id, call_id, participant_id, decided_at)
				on conflict (decision_id) do nothing
				returning decision_id""")
			.params(ts(now), uuids(optOuts, ConsentDeclined::decisionId), uuids(optOuts, ConsentDeclined::companyId),
					uuids(optOuts, ConsentDeclined::callId), texts(optOuts, ConsentDeclined::participantId),
					texts(optOuts, ConsentDeclined::occurredAt))
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list());
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
