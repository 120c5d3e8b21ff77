package dev.assent.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.shared.Keyset;

/**
 * The emails (outbox and mailbox). Every query that serves a company names it; the claiming and
 * delivery methods work on ids a node claimed. Retry and lease times are the database's clock.
 */
@Repository
class Emails {

	private final JdbcClient jdbc;

	Emails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static Email row(ResultSet rs, int i) throws SQLException {
		return new Email(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
				Reason.valueOf(rs.getString("reason")), rs.getString("recipient"), rs.getString("occurrence"),
				rs.getString("recipient_name"), rs.getString("language"), rs.getString("subject"),
				rs.getString("text_body"), rs.getString("html_body"), instant(rs, "not_after"),
				rs.getObject("run_id", UUID.class), Email.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getString("last_error"), rs.getString("sent_by"), rs.getString("transport"),
				instant(rs, "created_at"), instant(rs, "sent_at"));
	}

	private static double seconds(Duration d) {
		return d.toMillis() / 1000.0;
	}

	/** The key's recipient part: addresses compare case-insensitively. */
	static String key(String address) {
		return address.strip().toLowerCase(Locale.ROOT);
	}

	/** Stores a new pending email unless one with its (reason, recipient, occurrence) exists; true when stored. */
	boolean insert(UUID companyId, Email.Draft d, Instant now) {
		return jdbc.sql("""
				insert into notifications.emails (id, company_id, reason, recipient, occurrence, recipient_name, language,
				    subject, text_body, html_body, not_after, run_id, status, next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', clock_timestamp(), ?)
				on conflict (reason, recipient, occurrence) do nothing""")
			.params(UUID.randomUUID(), companyId, d.reason().name(), key(d.recipient()), d.occurrence(), d.recipientName(),
					d.language(), d.content().subject(), d.content().text(), d.content().html(),
					d.notAfter() == null ? null : Timestamp.from(d.notAfter()), d.runId(), Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Stores new pending emails of one company in one statement, each unless one with its (reason,
	 * recipient, occurrence) exists; returns how many were stored.
	 */
	int insertAll(UUID companyId, List<Email.Draft> drafts, Instant now) {
		if (drafts.isEmpty()) {
			return 0;
		}
		int n = drafts.size();
		UUID[] ids = new UUID[n];
		String[] reasons = new String[n], recipients = new String[n], occurrences = new String[n], names = new String[n],
				languages = new String[n], subjects = new String[n], texts = new String[n], htmls = new String[n];
		String[] notAfter = new String[n];
		UUID[] runs = new UUID[n];
		for (int i = 0; i < n; i++) {
			Email.Draft d = drafts.get(i);
			ids[i] = UUID.randomUUID();
			reasons[i] = d.reason().name();
			recipients[i] = key(d.recipient());
			occurrences[i] = d.occurrence();
			names[i] = d.recipientName();
			languages[i] = d.language();
			subjects[i] = d.content().subject();
			texts[i] = d.content().text();
			htmls[i] = d.content().html();
			notAfter[i] = d.notAfter() == null ? null : d.notAfter().toString();
			runs[i] = d.runId();
		}
		return jdbc.sql("""
				insert into notifications.emails (id, company_id, reason, recipient, occurrence, recipient_name, language,
				    subject, text_body, html_body, not_after, run_id, status, next_attempt_at, created_at)
				select d.id, ?, d.reason, d.recipient, d.occurrence, d.recipient_name, d.language, d.subject, d.text_body,
				    d.html_body, d.not_after, d.run_id, 'PENDING', clock_timestamp(), ?
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				            ?::text[], ?::text[]::timestamptz[], ?::uuid[])
				     as d(id, reason, recipient, occurrence, recipient_name, language, subject, text_body, html_body,
				          not_after, run_id)
				on conflict (reason, recipient, occurrence) do nothing""")
			.params(companyId, Timestamp.from(now), ids, reasons, recipients, occurrences, names, languages, subjects, texts,
					htmls, notAfter, runs)
			.update();
	}

	/**
	 * Claims up to {@code limit} due emails for this node ({@code FOR UPDATE SKIP LOCKED}: nodes
	 * polling at once never claim the same row; the lease keeps others off while it sends).
	 */
	List<Email> claimDue(int limit, Duration lease) {
		return jdbc.sql("""
				update notifications.emails set in_flight_until = clock_timestamp() + make_interval(secs => ?)
				where id in (select id from notifications.emails
				             where status = 'PENDING' and next_attempt_at <= clock_timestamp()
				               and (in_flight_until is null or in_flight_until < clock_timestamp())
				             order by next_attempt_at limit ? for update skip locked)
				returning *""")
			.params(seconds(lease), limit)
			.query(Emails::row)
			.list();
	}

	/** Handed over; only while pending (a row is sent once). */
	boolean sent(UUID id, String node, String transport) {
		return jdbc.sql("""
				update notifications.emails set status = 'SENT', attempts = attempts + 1, sent_at = clock_timestamp(),
				    in_flight_until = null, sent_by = ?, transport = ?
				where id = ? and status = 'PENDING'""").params(node, transport, id).update() == 1;
	}

	/** {@link #sent} of a whole batch in one statement; returns how many were still pending. */
	int sentAll(List<UUID> ids, String node, String transport) {
		if (ids.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				update notifications.emails set status = 'SENT', attempts = attempts + 1, sent_at = clock_timestamp(),
				    in_flight_until = null, sent_by = ?, transport = ?
				where id = any(?) and status = 'PENDING'""").params(node, transport, ids.toArray(new UUID[0])).update();
	}

	/** A transient failure: due again after {@code retryIn}. */
	void retry(UUID id, String error, Duration retryIn) {
		jdbc.sql("""
				update notifications.emails set attempts = attempts + 1, last_error = ?, in_flight_until = null,
				    next_attempt_at = clock_timestamp() + make_interval(secs => ?)
				where id = ? and status = 'PENDING'""").params(abbreviate(error), seconds(retryIn), id).update();
	}

	/** A permanent failure (invalid address, 5xx): kept, visible, not retried. */
	void failed(UUID id, String error) {
		jdbc.sql("""
				update notifications.emails set status = 'FAILED', attempts = attempts + 1, last_error = ?,
				    in_flight_until = null
				where id = ? and status = 'PENDING'""").params(abbreviate(error), id).update();
	}

	void cancel(UUID id, String why) {
		jdbc.sql("""
				update notifications.emails set status = 'CANCELLED', last_error = ?, in_flight_until = null
				where id = ? and status = 'PENDING'""").params(why, id).update();
	}

	/** Cancels the pending emails of an occurrence that nobody is sending right now; returns how many. */
	int cancelPending(UUID companyId, Reason reason, String occurrence, String why) {
		return jdbc.sql("""
				update notifications.emails set status = 'CANCELLED', last_error = ?
				where company_id = ? and reason = ? and occurrence = ? and status = 'PENDING'
				  and (in_flight_until is null or in_flight_until < clock_timestamp())""")
			.params(why, companyId, reason.name(), occurrence)
			.update();
	}

	/**
	 * Removes the pending emails of an occurrence nobody is sending (a moved call is rendered
	 * again); true when none is in flight or sent, so the occurrence may be made afresh.
	 */
	boolean withdrawPending(UUID companyId, Reason reason, String occurrence) {
		jdbc.sql("""
				delete from notifications.emails
				where company_id = ? and reason = ? and occurrence = ? and status = 'PENDING'
				  and (in_flight_until is null or in_flight_until < clock_timestamp())""")
			.params(companyId, reason.name(), occurrence)
			.update();
		return jdbc.sql("""
				select count(*) from notifications.emails
				where company_id = ? and reason = ? and occurrence = ? and status in ('PENDING', 'SENT')""")
			.params(companyId, reason.name(), occurrence)
			.query(Long.class)
			.single() == 0;
	}

	Optional<Email> find(UUID companyId, UUID id) {
		return jdbc.sql("select * from notifications.emails where company_id = ? and id = ?")
			.params(companyId, id)
			.query(Emails::row)
			.optional();
	}

	/** The company's latest emails, newest first, without their bodies. */
	List<EmailSummary> recent(UUID companyId, int limit) {
		return page(companyId, null, null, null, null, limit);
	}

	/**
	 * Up to {@code limit} of the company's emails older than {@code after} (newest first, id breaking
	 * ties), optionally of one status, reason or run, without their bodies: one query.
	 */
	List<EmailSummary> page(UUID companyId, Email.@Nullable Status status, @Nullable Reason reason, @Nullable UUID runId,
			Keyset.@Nullable Cursor after, int limit) {
		return new Keyset.Query("""
				select id, reason, recipient, recipient_name, language, subject, status, attempts, last_error, transport,
				    run_id, created_at, sent_at
				from notifications.emails""", "created_at", "id", companyId)
			.is("status", status)
			.is("reason", reason)
			.is("run_id", runId)
			.after(after, Keyset.Cursor::uuidKey)
			.newest(jdbc, limit)
			.query((rs, i) -> new EmailSummary(rs.getObject("id", UUID.class), Reason.valueOf(rs.getString("reason")),
					rs.getString("recipient"), rs.getString("recipient_name"), rs.getString("language"),
					rs.getString("subject"), Email.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getString("transport"), rs.getObject("run_id", UUID.class),
					instant(rs, "created_at"), instant(rs, "sent_at")))
			.list();
	}

	/** Emails of a run by status. */
	java.util.Map<Email.Status, Long> countsOfRun(UUID companyId, UUID runId) {
		java.util.Map<Email.Status, Long> counts = new java.util.EnumMap<>(Email.Status.class);
		for (Email.Status s : Email.Status.values()) {
			counts.put(s, 0L);
		}
		jdbc.sql("""
				select status, count(*) as n from notifications.emails where company_id = ? and run_id = ?
				group by status""").params(companyId, runId).query(rs -> {
			counts.put(Email.Status.valueOf(rs.getString("status")), rs.getLong("n"));
		});
		return counts;
	}

	private static String abbreviate(String s) {
		return s.length() > 500 ? s.substring(0, 500) : s;
	}

}
