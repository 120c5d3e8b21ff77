package dev.assent.integrations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.calls.Provider;

/** The companies' provider connections; every query names the company. */
@Repository
class Connections {

	record Connection(UUID companyId, Provider provider, ConnectionState state, @Nullable String account, String secrets,
			Instant connectedAt, @Nullable Instant disconnectedAt, @Nullable String reason, @Nullable WebhookSetup webhooks) {
	}

	private final JdbcClient jdbc;

	Connections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static Connection map(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp disconnected = rs.getTimestamp("disconnected_at");
		return new Connection(rs.getObject("company_id", UUID.class), Provider.valueOf(rs.getString("provider")),
				ConnectionState.valueOf(rs.getString("state")), rs.getString("account"), rs.getString("secrets"),
				rs.getTimestamp("connected_at").toInstant(), disconnected == null ? null : disconnected.toInstant(),
				rs.getString("reason"), webhooks(rs));
	}

	private static @Nullable WebhookSetup webhooks(java.sql.ResultSet rs) throws java.sql.SQLException {
		String state = rs.getString("webhooks_state");
		if (state == null) {
			return null;
		}
		Timestamp next = rs.getTimestamp("webhooks_next_attempt_at");
		Timestamp checked = rs.getTimestamp("webhooks_checked_at");
		return new WebhookSetup(WebhookSetup.State.valueOf(state), rs.getString("webhooks_error"), rs.getInt("webhooks_attempts"),
				checked == null ? null : checked.toInstant(), next == null ? null : next.toInstant());
	}

	List<Connection> all(UUID companyId) {
		return jdbc.sql("select * from integrations.connections where company_id = ?")
			.param(companyId)
			.query((rs, n) -> map(rs))
			.list();
	}

	Optional<Connection> find(UUID companyId, Provider provider) {
		return jdbc.sql("select * from integrations.connections where company_id = ? and provider = ?")
			.params(companyId, provider.name())
			.query((rs, n) -> map(rs))
			.optional();
	}

	boolean isConnected(UUID companyId, Provider provider) {
		return jdbc.sql("select count(*) from integrations.connections where company_id = ? and provider = ? and state = 'CONNECTED'")
			.params(companyId, provider.name())
			.query(Long.class)
			.single() > 0;
	}

	/** The companies connected to the provider as the given account (across companies: a provider's app-level event). */
	List<UUID> connectedAs(Provider provider, String account) {
		return jdbc.sql("select company_id from integrations.connections where provider = ? and account = ? and state = 'CONNECTED'")
			.params(provider.name(), account)
			.query(UUID.class)
			.list();
	}

	/** The sealed credentials of a connected integration, its row locked until the transaction ends. */
	Optional<String> lockSecrets(UUID companyId, Provider provider) {
		return jdbc.sql("""
				select secrets from integrations.connections
				where company_id = ? and provider = ? and state = 'CONNECTED' for update""")
			.params(companyId, provider.name())
			.query(String.class)
			.optional();
	}

	void connect(UUID companyId, Provider provider, String account, String secrets, Instant now) {
		jdbc.sql("""
				insert into integrations.connections
				  (company_id, provider, state, account, secrets, connected_at, disconnected_at, reason, updated_at)
				values (?, ?, 'CONNECTED', ?, ?, ?, null, null, ?)
				on conflict (company_id, provider) do update set state = 'CONNECTED', account = excluded.account,
				  secrets = excluded.secrets, connected_at = excluded.connected_at, disconnected_at = null, reason = null,
				  updated_at = excluded.updated_at, webhooks_state = null, webhooks_error = null, webhooks_attempts = 0,
				  webhooks_next_attempt_at = null, webhooks_checked_at = null""")
			.params(companyId, provider.name(), account, secrets, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Replaces the stored (encrypted) credentials of a connected integration, e.g. a rotated refresh token. */
	boolean replaceSecrets(UUID companyId, Provider provider, String secrets, Instant now) {
		return jdbc.sql("""
				update integrations.connections set secrets = ?, updated_at = ?
				where company_id = ? and provider = ? and state = 'CONNECTED'""")
			.params(secrets, Timestamp.from(now), companyId, provider.name())
			.update() > 0;
	}

	/** Records that the webhooks are in place ({@code state} REGISTERED) or not Assent's to set up ({@code null}). */
	void webhooksSettled(UUID companyId, Provider provider, WebhookSetup.@Nullable State state, Instant now) {
		jdbc.sql("""
				update integrations.connections set webhooks_state = ?, webhooks_error = null, webhooks_attempts = 0,
				  webhooks_next_attempt_at = null, webhooks_checked_at = ?
				where company_id = ? and provider = ? and state = 'CONNECTED'""")
			.params(state == null ? null : state.name(), Timestamp.from(now), companyId, provider.name())
			.update();
	}

	/** Records that setting up the webhooks failed; the next attempt is {@code backoff(attempts so far)} later. */
	void webhooksFailed(UUID companyId, Provider provider, String error, Instant now,
			java.util.function.IntFunction<java.time.Duration> backoff) {
		Integer attempts = jdbc.sql("""
				update integrations.connections set webhooks_state = 'FAILED', webhooks_error = ?,
				  webhooks_attempts = webhooks_attempts + 1, webhooks_checked_at = ?
				where company_id = ? and provider = ? and state = 'CONNECTED' returning webhooks_attempts""")
			.params(error, Timestamp.from(now), companyId, provider.name())
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (attempts != null) {
			jdbc.sql("""
					update integrations.connections set webhooks_next_attempt_at = ?
					where company_id = ? and provider = ? and state = 'CONNECTED'""")
				.params(Timestamp.from(now.plus(backoff.apply(attempts))), companyId, provider.name())
				.update();
		}
	}

	/**
	 * Claims up to {@code limit} connections whose webhook set-up failed and is due again: their next
	 * attempt moves to {@code leaseUntil}, so that another node does not try them meanwhile.
	 */
	List<Connection> claimWebhookRetries(Instant now, Instant leaseUntil, int limit) {
		return jdbc.sql("""
				update integrations.connections c set webhooks_next_attempt_at = ?
				from (select company_id, provider from integrations.connections
				      where state = 'CONNECTED' and webhooks_state = 'FAILED' and webhooks_next_attempt_at <= ?
				      order by webhooks_next_attempt_at limit ? for update skip locked) due
				where c.company_id = due.company_id and c.provider = due.provider
				returning c.*""")
			.params(Timestamp.from(leaseUntil), Timestamp.from(now), limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** Marks a connected integration disconnected; false when it was not connected (nothing changes). */
	boolean disconnect(UUID companyId, Provider provider, String reason, boolean forgetSecrets, Instant now) {
		return jdbc.sql("""
				update integrations.connections set state = 'DISCONNECTED', disconnected_at = ?, reason = ?,
				  secrets = case when ? then '' else secrets end, updated_at = ?
				where company_id = ? and provider = ? and state = 'CONNECTED'""")
			.params(Timestamp.from(now), reason, forgetSecrets, Timestamp.from(now), companyId, provider.name())
			.update() > 0;
	}

}
