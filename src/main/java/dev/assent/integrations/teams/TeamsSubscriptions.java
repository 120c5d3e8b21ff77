package dev.assent.integrations.teams;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Graph subscriptions Assent created for Teams meetings; every query names the company. */
@Repository
class TeamsSubscriptions {

	private final JdbcClient jdbc;

	TeamsSubscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A subscription to renew. */
	record Due(UUID companyId, String subscriptionId) {
	}

	void insert(UUID companyId, String subscriptionId, String onlineMeetingId, String joinWebUrl, Instant meetingEnd,
			Instant expiresAt, Instant now) {
		jdbc.sql("""
				insert into integrations.teams_subscriptions
				  (subscription_id, company_id, online_meeting_id, join_web_url, meeting_end, expires_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (subscription_id) do nothing""")
			.params(subscriptionId, companyId, onlineMeetingId, joinWebUrl, Timestamp.from(meetingEnd),
					Timestamp.from(expiresAt), Timestamp.from(now))
			.update();
	}

	/**
	 * Subscriptions of every company that are still alive at {@code now}, expire before
	 * {@code before} and whose meeting has not ended by then (a system job; each row names its company).
	 */
	List<Due> dueForRenewal(Instant now, Instant before, int limit) {
		return jdbc.sql("""
				select company_id, subscription_id from integrations.teams_subscriptions
				where expires_at < ? and expires_at > ? and meeting_end + interval '1 hour' > expires_at
				order by expires_at limit ?""")
			.params(Timestamp.from(before), Timestamp.from(now), limit)
			.query((rs, n) -> new Due(rs.getObject("company_id", UUID.class), rs.getString("subscription_id")))
			.list();
	}

	void renewed(UUID companyId, String subscriptionId, Instant expiresAt) {
		jdbc.sql("update integrations.teams_subscriptions set expires_at = ? where company_id = ? and subscription_id = ?")
			.params(Timestamp.from(expiresAt), companyId, subscriptionId)
			.update();
	}

	void forget(UUID companyId, String subscriptionId) {
		jdbc.sql("delete from integrations.teams_subscriptions where company_id = ? and subscription_id = ?")
			.params(companyId, subscriptionId)
			.update();
	}

	Optional<Instant> expiry(UUID companyId, String subscriptionId) {
		return jdbc.sql("select expires_at from integrations.teams_subscriptions where company_id = ? and subscription_id = ?")
			.params(companyId, subscriptionId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/** The online meeting a subscription of the company is about. */
	Optional<String> meetingOf(UUID companyId, String subscriptionId) {
		return jdbc.sql("select online_meeting_id from integrations.teams_subscriptions where company_id = ? and subscription_id = ?")
			.params(companyId, subscriptionId)
			.query(String.class)
			.optional();
	}

}
