package dev.assent.webhooks;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions and deliveries, always scoped by company (except the outbox's claim of due rows). */
@Repository
class Webhooks {

	private static final RowMapper<Subscription> SUBSCRIPTION = (rs, i) -> new Subscription(
			rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class), rs.getString("url"),
			rs.getString("secret"), strings(rs.getArray("events")), rs.getTimestamp("created_at").toInstant());

	private static final RowMapper<Delivery> DELIVERY = (rs, i) -> new Delivery(rs.getString("id"),
			rs.getObject("subscription_id", UUID.class), rs.getString("event_type"), rs.getString("status"),
			rs.getInt("attempts"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
			rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
			rs.getTimestamp("delivered_at") == null ? null : rs.getTimestamp("delivered_at").toInstant());

	private final JdbcClient jdbc;

	Webhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static List<String> strings(Array array) throws java.sql.SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	void insert(Subscription s) {
		jdbc.sql("insert into webhooks.subscriptions (id, company_id, url, secret, events, created_at) values (?, ?, ?, ?, ?, ?)")
			.params(s.id(), s.companyId(), s.url(), s.secret(), s.events().toArray(new String[0]),
					Timestamp.from(s.createdAt()))
			.update();
	}

	List<Subscription> subscriptions(UUID companyId) {
		return jdbc.sql("select * from webhooks.subscriptions where company_id = ? order by created_at, id")
			.param(companyId)
			.query(SUBSCRIPTION)
			.list();
	}

	Optional<Subscription> subscription(UUID companyId, UUID id) {
		return jdbc.sql("select * from webhooks.subscriptions where company_id = ? and id = ?")
			.params(companyId, id)
			.query(SUBSCRIPTION)
			.optional();
	}

	int delete(UUID companyId, UUID id) {
		return jdbc.sql("delete from webhooks.subscriptions where company_id = ? and id = ?").params(companyId, id).update();
	}

	/** Queues an event for a subscription, once per source event (a redelivered event adds nothing). */
	void enqueue(String id, Subscription s, String eventType, String sourceKey, String payload, Instant now) {
		jdbc.sql("""
				insert into webhooks.deliveries (id, company_id, subscription_id, event_type, source_key, payload, status,
				    next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, 'PENDING', clock_timestamp(), ?)
				on conflict (subscription_id, event_type, source_key) do nothing""")
			.params(id, s.companyId(), s.id(), eventType, sourceKey, payload, Timestamp.from(now))
			.update();
	}

	List<Delivery> deliveries(UUID companyId, UUID subscriptionId, int limit) {
		return jdbc.sql("""
				select * from webhooks.deliveries where company_id = ? and subscription_id = ?
				order by created_at desc, id limit ?""")
			.params(companyId, subscriptionId, limit)
			.query(DELIVERY)
			.list();
	}

	/** A due delivery with where it goes, claimed by this node for {@code leaseSeconds}. */
	record Due(String id, String eventType, String payload, int attempts, String url, String secret) {
	}

	List<Due> claimDue(int max, long leaseSeconds) {
		return jdbc.sql("""
				update webhooks.deliveries d set next_attempt_at = clock_timestamp() + make_interval(secs => ?)
				from webhooks.subscriptions s
				where s.id = d.subscription_id and d.id in (
				    select id from webhooks.deliveries
				    where status = 'PENDING' and next_attempt_at <= clock_timestamp()
				    order by next_attempt_at limit ? for update skip locked)
				returning d.id, d.event_type, d.payload, d.attempts, s.url, s.secret""")
			.params(leaseSeconds, max)
			.query((rs, i) -> new Due(rs.getString("id"), rs.getString("event_type"), rs.getString("payload"),
					rs.getInt("attempts"), rs.getString("url"), rs.getString("secret")))
			.list();
	}

	void delivered(String id, int status, Instant at) {
		jdbc.sql("""
				update webhooks.deliveries set status = 'DELIVERED', attempts = attempts + 1, last_status = ?,
				    last_error = null, delivered_at = ? where id = ?""")
			.params(status, Timestamp.from(at), id)
			.update();
	}

	void failed(String id, @Nullable Integer status, String error, long retryInMillis, boolean giveUp) {
		jdbc.sql("""
				update webhooks.deliveries set attempts = attempts + 1, last_status = ?, last_error = ?,
				    status = case when ? then 'FAILED' else 'PENDING' end,
				    next_attempt_at = clock_timestamp() + make_interval(secs => ?)
				where id = ?""")
			.params(status, error.length() > 500 ? error.substring(0, 500) : error, giveUp, retryInMillis / 1000.0, id)
			.update();
	}

}
