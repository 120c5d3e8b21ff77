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
			Instant connectedAt, @Nullable Instant disconnectedAt, @Nullable String reason) {
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
				rs.getString("reason"));
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
				  updated_at = excluded.updated_at""")
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
