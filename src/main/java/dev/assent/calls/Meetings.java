package dev.assent.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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


/** Meetings with their invitees and exceptions, always scoped by company. */
@Repository
class Meetings {

	private final JdbcClient jdbc;

	Meetings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A meeting row before its invitees and exceptions are attached. */
	private record Row(UUID id, UUID companyId, String title, String organizerEmail, Provider provider,
			@Nullable String joinUrl, Instant start, Instant end, String timeZone, @Nullable String recurrence,
			MeetingLinkType linkType, @Nullable UUID ownerId, @Nullable String calendarUid,
			@Nullable Instant expandedUntil, Instant createdAt, Instant updatedAt, @Nullable Instant cancelledAt,
			String linkSlug, @Nullable UUID hostId, List<Instant> rdates) {

		Meeting with(List<Instant> exdates, List<OccurrenceChange> changes, List<Invitee> invitees) {
			return new Meeting(id, companyId, title, organizerEmail, provider, joinUrl, start, end, timeZone, recurrence,
					exdates, changes, invitees, linkType, ownerId, calendarUid, expandedUntil, createdAt, updatedAt,
					cancelledAt, linkSlug, hostId, rdates);
		}

	}

	private static Row row(ResultSet rs, int i) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class), rs.getString("title"),
				rs.getString("organizer_email"), Provider.valueOf(rs.getString("provider")), rs.getString("join_url"),
				instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("time_zone"), rs.getString("recurrence"),
				MeetingLinkType.valueOf(rs.getString("link_type")), rs.getObject("owner_id", UUID.class),
				rs.getString("calendar_uid"), instant(rs, "expanded_until"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "cancelled_at"), rs.getString("link_slug"),
				rs.getObject("host_id", UUID.class), rdates(rs));
	}

	private static List<Instant> rdates(ResultSet rs) throws SQLException {
		java.sql.Array array = rs.getArray("rdates");
		if (array == null) {
			return List.of();
		}
		List<Instant> out = new ArrayList<>();
		for (Object o : (Object[]) array.getArray()) {
			out.add(o instanceof Timestamp t ? t.toInstant() : ((java.time.OffsetDateTime) o).toInstant());
		}
		return out;
	}

	/** As ISO-8601 texts, cast in the statement ({@code ?::timestamptz[]}). */
	private static String[] rdates(Meeting m) {
		return m.rdates().stream().map(Instant::toString).toArray(String[]::new);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	Optional<Meeting> findById(UUID companyId, UUID id) {
		return jdbc.sql("select * from calls.meetings where company_id = ? and id = ?")
			.params(companyId, id)
			.query(Meetings::row)
			.optional()
			.map(r -> complete(companyId, List.of(r)).get(0));
	}

	/** The meetings with these ids, with a fixed number of queries. */
	List<Meeting> findByIds(UUID companyId, Collection<UUID> ids) {
		List<Row> rows = jdbc.sql("select * from calls.meetings where company_id = ? and id = any(?)")
			.params(companyId, ids.toArray(new UUID[0]))
			.query(Meetings::row)
			.list();
		return complete(companyId, rows);
	}

	/** Locks the meeting row for a change; empty when it does not exist or another node holds it. */
	Optional<Meeting> lock(UUID companyId, UUID id, boolean skipLocked) {
		return jdbc.sql("select * from calls.meetings where company_id = ? and id = ? for update"
				+ (skipLocked ? " skip locked" : ""))
			.params(companyId, id)
			.query(Meetings::row)
			.optional()
			.map(r -> complete(companyId, List.of(r)).get(0));
	}

	/**
	 * The meeting imported before from the calendar event {@code uid}, locked. Two imports of the
	 * same event at once take turns (a transaction-scoped advisory lock on company and UID, held
	 * until commit): the second finds the meeting the first created and updates it, instead of
	 * both inserting it.
	 */
	Optional<Meeting> findByCalendarUid(UUID companyId, String uid) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('calls.meetings/' || ?::text || '/' || ?, 0))")
			.params(companyId, uid)
			.query((rs, i) -> 1)
			.list();
		return jdbc.sql("select * from calls.meetings where company_id = ? and calendar_uid = ? for update")
			.params(companyId, uid)
			.query(Meetings::row)
			.optional()
			.map(r -> complete(companyId, List.of(r)).get(0));
	}

	List<Meeting> page(UUID companyId, int offset, int limit) {
		List<Row> rows = jdbc.sql("select * from calls.meetings where company_id = ? order by created_at desc, id offset ? limit ?")
			.params(companyId, offset, limit)
			.query(Meetings::row)
			.list();
		return complete(companyId, rows);
	}

	long count(UUID companyId) {
		return jdbc.sql("select count(*) from calls.meetings where company_id = ?").param(companyId).query(Long.class).single();
	}

	/** Series whose materialised occurrences end before {@code horizon}: (company id, meeting id). */
	List<UUID[]> dueForExtension(Instant horizon, int limit) {
		return jdbc.sql("""
				select company_id, id from calls.meetings
				where expanded_until is not null and expanded_until < ? and cancelled_at is null
				order by expanded_until limit ?""")
			.params(Timestamp.from(horizon), limit)
			.query((rs, i) -> new UUID[] { rs.getObject("company_id", UUID.class), rs.getObject("id", UUID.class) })
			.list();
	}

	/** Meetings not cancelled, with an owner and an occurrence still to come: their invites carry consent links. */
	long scheduledWithConsentLinks(UUID companyId, Instant now) {
		return jdbc.sql("""
				select count(*) from calls.meetings m
				where m.company_id = ? and m.cancelled_at is null and m.owner_id is not null
				  and exists (select 1 from calls.calls c where c.company_id = m.company_id and c.meeting_id = m.id
				              and c.status = 'SCHEDULED' and c.planned_end > ?)""")
			.params(companyId, Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	void insert(Meeting m) {
		jdbc.sql("""
				insert into calls.meetings (id, company_id, title, organizer_email, provider, join_url, starts_at, ends_at,
				    time_zone, recurrence, link_type, owner_id, calendar_uid, expanded_until, created_at, updated_at,
				    cancelled_at, link_slug, host_id, rdates)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz[])""")
			.params(m.id(), m.companyId(), m.title(), m.organizerEmail(), m.provider().name(), m.joinUrl(), ts(m.start()),
					ts(m.end()), m.timeZone(), m.recurrence(), m.linkType().name(), m.ownerId(), m.calendarUid(),
					ts(m.expandedUntil()), ts(m.createdAt()), ts(m.updatedAt()), ts(m.cancelledAt()), m.linkSlug(),
					m.hostId(), rdates(m))
			.update();
		replaceDetails(m);
	}

	/** The meeting whose consent link has this segment (PRODUCT C7, L6); cancelled ones too. */
	Optional<Meeting> findByLinkSlug(UUID companyId, String linkSlug) {
		return jdbc.sql("select * from calls.meetings where company_id = ? and link_slug = ?")
			.params(companyId, linkSlug)
			.query(Meetings::row)
			.optional()
			.map(r -> complete(companyId, List.of(r)).get(0));
	}

	void update(Meeting m) {
		jdbc.sql("""
				update calls.meetings set title = ?, organizer_email = ?, provider = ?, join_url = ?, starts_at = ?,
				    ends_at = ?, time_zone = ?, recurrence = ?, link_type = ?, owner_id = ?, expanded_until = ?,
				    updated_at = ?, cancelled_at = ?, host_id = ?, rdates = ?::timestamptz[]
				where company_id = ? and id = ?""")
			.params(m.title(), m.organizerEmail(), m.provider().name(), m.joinUrl(), ts(m.start()), ts(m.end()),
					m.timeZone(), m.recurrence(), m.linkType().name(), m.ownerId(), ts(m.expandedUntil()),
					ts(m.updatedAt()), ts(m.cancelledAt()), m.hostId(), rdates(m), m.companyId(), m.id())
			.update();
		replaceDetails(m);
	}

	/** The links the meeting's imported invite carries (PRODUCT E5); null when it was not imported. */
	void setInviteLinks(UUID companyId, UUID id, @Nullable List<String> links) {
		jdbc.sql("update calls.meetings set invite_links = ? where company_id = ? and id = ?")
			.params(links == null ? null : links.toArray(new String[0]), companyId, id)
			.update();
	}

	/** The links of the meetings' imported invites, by meeting id; meetings not imported from a calendar are left out. */
	Map<UUID, List<String>> inviteLinks(UUID companyId, Collection<UUID> ids) {
		Map<UUID, List<String>> out = new HashMap<>();
		jdbc.sql("select id, invite_links from calls.meetings where company_id = ? and id = any(?) and invite_links is not null")
			.params(companyId, ids.toArray(new UUID[0]))
			.query(rs -> {
				out.put(rs.getObject("id", UUID.class), List.of((String[]) rs.getArray("invite_links").getArray()));
			});
		return out;
	}

	void setExpandedUntil(UUID companyId, UUID id, @Nullable Instant expandedUntil) {
		jdbc.sql("update calls.meetings set expanded_until = ? where company_id = ? and id = ?")
			.params(ts(expandedUntil), companyId, id)
			.update();
	}

	private void replaceDetails(Meeting m) {
		jdbc.sql("delete from calls.meeting_invitees where company_id = ? and meeting_id = ?").params(m.companyId(), m.id()).update();
		jdbc.sql("delete from calls.meeting_exceptions where company_id = ? and meeting_id = ?").params(m.companyId(), m.id()).update();
		int position = 0;
		for (Invitee invitee : m.invitees()) {
			jdbc.sql("insert into calls.meeting_invitees (meeting_id, company_id, position, email, name) values (?, ?, ?, ?, ?)")
				.params(m.id(), m.companyId(), position++, invitee.email(), invitee.name())
				.update();
		}
		Map<Instant, Object[]> exceptions = new HashMap<>();
		for (Instant exdate : m.exdates()) {
			exceptions.put(exdate, new Object[] { true, null, null, null });
		}
		for (OccurrenceChange c : m.changes()) {
			exceptions.putIfAbsent(c.occurrenceStart(), new Object[] { c.cancelled(), ts(c.start()), ts(c.end()), c.title() });
		}
		exceptions.forEach((occurrenceStart, v) -> jdbc.sql("""
				insert into calls.meeting_exceptions (meeting_id, company_id, occurrence_start, cancelled, starts_at, ends_at, title)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(m.id(), m.companyId(), ts(occurrenceStart), v[0], v[1], v[2], v[3])
			.update());
	}

	/** Attaches invitees and exceptions to meeting rows, with one query each. */
	private List<Meeting> complete(UUID companyId, List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
		Map<UUID, List<Invitee>> invitees = invitees(companyId, List.of(ids));
		Map<UUID, List<Instant>> exdates = new HashMap<>();
		Map<UUID, List<OccurrenceChange>> changes = new HashMap<>();
		jdbc.sql("""
				select * from calls.meeting_exceptions where company_id = ? and meeting_id = any(?)
				order by occurrence_start""")
			.params(companyId, ids)
			.query((rs, i) -> {
				UUID meetingId = rs.getObject("meeting_id", UUID.class);
				Instant occurrenceStart = instant(rs, "occurrence_start");
				if (rs.getBoolean("cancelled")) {
					exdates.computeIfAbsent(meetingId, k -> new ArrayList<>()).add(occurrenceStart);
				}
				else {
					changes.computeIfAbsent(meetingId, k -> new ArrayList<>())
						.add(new OccurrenceChange(occurrenceStart, instant(rs, "starts_at"), instant(rs, "ends_at"),
								rs.getString("title"), false));
				}
				return meetingId;
			})
			.list();
		return rows.stream()
			.map(r -> r.with(exdates.getOrDefault(r.id(), List.of()), changes.getOrDefault(r.id(), List.of()),
					invitees.getOrDefault(r.id(), List.of())))
			.toList();
	}

	Map<UUID, List<Invitee>> invitees(UUID companyId, Collection<UUID> meetingIds) {
		Map<UUID, List<Invitee>> out = new HashMap<>();
		if (meetingIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select meeting_id, email, name from calls.meeting_invitees
				where company_id = ? and meeting_id = any(?) order by meeting_id, position""")
			.params(companyId, meetingIds.toArray(new UUID[0]))
			.query((rs, i) -> out.computeIfAbsent(rs.getObject("meeting_id", UUID.class), k -> new ArrayList<>())
				.add(new Invitee(rs.getString("email"), rs.getString("name"))))
			.list();
		return out;
	}

}
