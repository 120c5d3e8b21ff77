package dev.assent.integrations.teams;

import java.sql.Timestamp;
import java.time.Instant;
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

	void insert(UUID companyId, String subscriptionId, String onlineMeetingId, String joinWebUrl, Instant expiresAt,
			Instant now) {
		jdbc.sql("""
				insert into integrations.teams_subscriptions
				  (subscription_id, company_id, online_meeting_id, join_web_url, expires_at, created_at)
				values (?, ?, ?, ?, ?, ?) on conflict (subscription_id) do nothing""")
			.params(subscriptionId, companyId, onlineMeetingId, joinWebUrl, Timestamp.from(expiresAt), Timestamp.from(now))
			.update();
	}

	/** The online meeting a subscription of the company is about. */
	Optional<String> meetingOf(UUID companyId, String subscriptionId) {
		return jdbc.sql("select online_meeting_id from integrations.teams_subscriptions where company_id = ? and subscription_id = ?")
			.params(companyId, subscriptionId)
			.query(String.class)
			.optional();
	}

}
