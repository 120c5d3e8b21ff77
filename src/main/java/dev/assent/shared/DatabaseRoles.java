package dev.assent.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Two database roles (PRODUCT X1, issue 12): migrations run as the owner of the schema, the
 * application connects as a role that may read and write its tables but may only insert and read
 * the consent ledger ({@code evidence.records}, {@code links}, {@code texts}), so the application
 * — or anyone who takes over its connection — cannot rewrite evidence.
 * <p>
 * Embedded database: Flyway connects as the superuser {@code postgres}; the application's pool as
 * {@value #EMBEDDED_APP_ROLE}, created at start. External database: set {@code spring.flyway.user}
 * / {@code spring.flyway.password} to the owner and {@code spring.datasource.username} (or the user
 * of {@code DATABASE_URL}) to the application's role; with a single role for both, the ledger is
 * protected by its triggers only (a warning says so).
 * <p>
 * After every migration the application's role is granted what it needs on every schema — so a
 * module's new tables are covered without a grant in each migration — and refused UPDATE, DELETE
 * and TRUNCATE on the ledger.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRoles {

	static final String EMBEDDED_APP_ROLE = "assent_app";

	private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);

	private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	@Bean
	Callback applicationRoleGrants(Environment env) {
		return new Grants(applicationRole(env));
	}

	/** The role the application connects as, when it is not the one migrations run as. */
	static @Nullable String applicationRole(Environment env) {
		String configured = env.getProperty("assent.db.app-role");
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
			return EMBEDDED_APP_ROLE;
		}
		String app = env.getProperty("spring.datasource.username");
		String owner = env.getProperty("spring.flyway.user");
		return StringUtils.hasText(owner) && StringUtils.hasText(app) && !owner.equals(app) ? app : null;
	}

	/** Embedded database: migrations as the superuser, the application as {@value #EMBEDDED_APP_ROLE}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
	static class Embedded {

		@Bean(defaultCandidate = false)
		@FlywayDataSource
		DataSource flywayDataSource(EmbeddedPostgres postgres) {
			return postgres.getPostgresDatabase();
		}

		/** Switches the application's pool to its own role before the pool opens its first connection. */
		@Bean
		static BeanPostProcessor applicationRoleSwitch() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)
							&& "postgres".equals(pool.getUsername())) {
						createRole(pool.getJdbcUrl(), EMBEDDED_APP_ROLE);
						// the embedded database's URL names its user, and the driver prefers the URL's
						pool.setJdbcUrl(pool.getJdbcUrl().replaceAll("([?&])user=postgres(?=&|$)", "$1user=" + EMBEDDED_APP_ROLE));
						pool.setUsername(EMBEDDED_APP_ROLE);
					}
					return bean;
				}
			};
		}

		private static void createRole(String jdbcUrl, String role) {
			try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
					Statement s = c.createStatement()) {
				s.execute("""
						DO $$ BEGIN
						  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s LOGIN; END IF;
						END $$""".formatted(role, role));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not create the application's database role " + role, ex);
			}
		}

	}

	static final class Grants implements Callback {

		private final @Nullable String role;

		Grants(@Nullable String role) {
			if (role != null && !ROLE.matcher(role).matches()) {
				throw new IllegalArgumentException("assent.db.app-role must be a plain lower-case role name: " + role);
			}
			this.role = role;
		}

		@Override
		public boolean supports(Event event, Context context) {
			return event == Event.AFTER_MIGRATE;
		}

		@Override
		public boolean canHandleInTransaction(Event event, Context context) {
			return true;
		}

		@Override
		public void handle(Event event, Context context) {
			if (role == null) {
				log.warn("The application connects to the database as the role that owns it: the consent ledger is "
						+ "protected by its triggers only. Set spring.flyway.user to the owner and spring.datasource.username "
						+ "to a second role (docs/adr/0006).");
				return;
			}
			try (Statement s = context.getConnection().createStatement()) {
				s.execute("""
						DO $$
						DECLARE s text;
						BEGIN
						  FOR s IN SELECT nspname FROM pg_namespace
						           WHERE nspname NOT LIKE 'pg\\_%%' AND nspname <> 'information_schema' LOOP
						    EXECUTE format('GRANT USAGE ON SCHEMA %%I TO %1$s', s);
						    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %%I TO %1$s', s);
						    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %%I TO %1$s', s);
						  END LOOP;
						  IF to_regclass('evidence.records') IS NOT NULL THEN
						    REVOKE UPDATE, DELETE, TRUNCATE ON evidence.records, evidence.links, evidence.texts FROM %1$s;
						  END IF;
						  IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
						    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.flyway_schema_history FROM %1$s;
						  END IF;
						END $$""".formatted(role));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not grant the application's role " + role + " its privileges", ex);
			}
		}

		@Override
		public String getCallbackName() {
			return "assent-application-role";
		}

	}

}
