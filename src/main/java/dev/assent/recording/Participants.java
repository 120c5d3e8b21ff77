package dev.assent.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.assent.recording.Commands.instant;
import static dev.assent.recording.Sessions.ts;

/** Participants the recorder saw join a call, and the consent-page decisions they were matched to. */
@Repository
class Participants {

	record Joined(String eventId, UUID callId, @Nullable String name, @Nullable String email, Instant joinedAt,
			@Nullable String decisionParticipantId, boolean covered) {

		/** This join once {@link #match matched} to the consent-page participant. */
		Joined matchedTo(String participantId) {
			return new Joined(eventId, callId, name, email, joinedAt, participantId, covered);
		}

	}

	/** The joins of the calls {@code ?} (an array), in the order of their calls, then as they joined. */
	static final String OF_CALLS = "select * from recording.participants where call_id = any(?) order by call_id, joined_at, event_id";

	private final JdbcClient jdbc;

	Participants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String eventId, UUID companyId, UUID callId, @Nullable String name, @Nullable String email, Instant at,
			@Nullable String decisionParticipantId, boolean covered) {
		jdbc.sql("""
				insert into recording.participants (event_id, company_id, call_id, name, email, joined_at,
				    decision_participant_id, covered)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(eventId, companyId, callId, name, email, ts(at), decisionParticipantId, covered)
			.update();
	}

	List<Joined> ofCall(UUID callId) {
		return jdbc.sql("select * from recording.participants where call_id = ? order by joined_at, event_id")
			.param(callId)
			.query(Participants::joined)
			.list();
	}

	static Joined joined(ResultSet rs, int row) throws SQLException {
		return new Joined(rs.getString("event_id"), rs.getObject("call_id", UUID.class), rs.getString("name"),
				rs.getString("email"), instant(rs, "joined_at"), rs.getString("decision_participant_id"),
				rs.getBoolean("covered"));
	}

	/** {@link #ofCall} of many calls (one query), by call; a call nobody joined is left out. */
	Map<UUID, List<Joined>> ofCalls(Collection<UUID> callIds) {
		Map<UUID, List<Joined>> out = new HashMap<>();
		if (!callIds.isEmpty()) {
			jdbc.sql(OF_CALLS)
				.param(callIds.toArray(UUID[]::new))
				.query(Participants::joined)
				.list()
				.forEach(j -> out.computeIfAbsent(j.callId(), k -> new ArrayList<>()).add(j));
		}
		return out;
	}

	/** Matches a join that was matched to no decision yet to a decision's participant. */
	boolean match(String eventId, String participantId) {
		return jdbc.sql("""
				update recording.participants set decision_participant_id = ?
				where event_id = ? and decision_participant_id is null
				  and not exists (select 1 from recording.participants p2
				                  where p2.call_id = participants.call_id and p2.decision_participant_id = ?)""")
			.params(participantId, eventId, participantId)
			.update() == 1;
	}

	Optional<Joined> matchedTo(UUID callId, String participantId) {
		return ofCall(callId).stream().filter(j -> participantId.equals(j.decisionParticipantId())).findFirst();
	}

}
