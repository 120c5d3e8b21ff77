package dev.assent.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.RoundTrips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 7, docs/adr/0016: statements other modules add are sent in the round trip of a transaction's insert, after
 * it, and see what it stored; if one of them fails, the insert stands and they are as if never sent; a failure of the
 * insert itself is what the caller gets, as without them.
 */
@AssentIntegrationTest
class WithTheInsertIntegrationTests {

	private static final String INSERT = "insert into public.t_with_the_insert (id, run, what) values (?, ?, ?) returning what";

	/** An added statement that stores a row saying how many rows of the run it saw. */
	private static final String SEEN = """
			insert into public.t_with_the_insert (id, run, what)
			select gen_random_uuid(), ?, 'saw ' || count(*) from public.t_with_the_insert where run = ?
			returning what""";

	@Autowired
	WithTheInsert withTheInsert;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	/** The database's owner: the application's own role may not create tables (issue 12). */
	@Autowired
	EmbeddedPostgres postgres;

	private final UUID run = UUID.randomUUID();

	@BeforeEach
	void table() {
		JdbcClient owner = JdbcClient.create(postgres.getPostgresDatabase());
		owner.sql("create table if not exists public.t_with_the_insert (id uuid primary key, run uuid not null,"
				+ " what text not null)").update();
		owner.sql("grant all on public.t_with_the_insert to public").update();
	}

	@AfterEach
	void clean() {
		JdbcClient.create(postgres.getPostgresDatabase())
			.sql("delete from public.t_with_the_insert where run = ?")
			.param(run)
			.update();
	}

	private List<String> stored() {
		return jdbc.sql("select what from public.t_with_the_insert where run = ? order by what")
			.param(run)
			.query(String.class)
			.list();
	}

	@Test
	void addedStatementsGoInTheInsertsRoundTripAfterItAndSeeWhatItStored() {
		List<String> inserted = new ArrayList<>();
		List<String> added = new ArrayList<>();
		WithTheInsert.Added[] handle = new WithTheInsert.Added[1];

		int roundTrips = tx.execute(s -> {
			handle[0] = withTheInsert.statements().add(SEEN, new Object[] { run, run }, rs -> added.add(rs.getString(1)));
			assertThat(handle[0].ran()).as("not before the insert is sent").isFalse();
			try (RoundTrips counted = RoundTrips.onThisThread()) {
				assertThat(withTheInsert.send(INSERT, new Object[] { UUID.randomUUID(), run, "inserted" },
						rs -> inserted.add(rs.getString(1)))).isTrue();
				return counted.count();
			}
		});

		assertThat(roundTrips).isEqualTo(1);
		assertThat(handle[0].ran()).isTrue();
		assertThat(inserted).containsExactly("inserted");
		assertThat(added).containsExactly("saw 1");
		assertThat(stored()).containsExactly("inserted", "saw 1");
	}

	@Test
	void whenAnAddedStatementFailsTheInsertStandsAndTheAddedAreAsIfNeverSent() {
		WithTheInsert.Added[] handles = new WithTheInsert.Added[2];

		boolean sentWithThem = tx.execute(s -> {
			handles[0] = withTheInsert.statements().add(SEEN, new Object[] { run, run }, rs -> {
			});
			handles[1] = withTheInsert.statements().add("select 1 / (select count(*) - 2 from public.t_with_the_insert where run = ?)",
					new Object[] { run }, rs -> {
					});
			boolean sent = withTheInsert.send(INSERT, new Object[] { UUID.randomUUID(), run, "inserted" }, rs -> {
			});
			// The transaction goes on: what the caller does next is stored with the insert.
			jdbc.sql("insert into public.t_with_the_insert (id, run, what) values (?, ?, 'after')")
				.params(UUID.randomUUID(), run)
				.update();
			return sent;
		});

		assertThat(sentWithThem).isFalse();
		assertThat(handles).allSatisfy(h -> assertThat(h.ran()).isFalse());
		assertThat(stored()).as("the insert and the caller's later work, not the added statements'")
			.containsExactly("after", "inserted");
	}

	@Test
	void aFailingInsertFailsAsWithoutAddedStatementsAndStoresNothing() {
		UUID taken = UUID.randomUUID();
		jdbc.sql("insert into public.t_with_the_insert (id, run, what) values (?, ?, 'before')").params(taken, run).update();

		assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
			withTheInsert.statements().add(SEEN, new Object[] { run, run }, rs -> {
			});
			withTheInsert.send(INSERT, new Object[] { taken, run, "inserted" }, rs -> {
			});
		})).isInstanceOf(DuplicateKeyException.class);

		assertThat(stored()).containsExactly("before");
	}

	@Test
	void statementsAreSentWithTheTransactionsFirstInsertOnly() {
		List<String> added = new ArrayList<>();

		tx.executeWithoutResult(s -> {
			withTheInsert.statements().add(SEEN, new Object[] { run, run }, rs -> added.add(rs.getString(1)));
			withTheInsert.send(INSERT, new Object[] { UUID.randomUUID(), run, "first" }, rs -> {
			});
			withTheInsert.send(INSERT, new Object[] { UUID.randomUUID(), run, "second" }, rs -> {
			});
			assertThatThrownBy(() -> withTheInsert.statements().add(SEEN, new Object[] { run, run }))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("sent already");
		});

		assertThat(added).containsExactly("saw 1");
		assertThat(stored()).containsExactly("first", "saw 1", "second");
		assertThatThrownBy(() -> withTheInsert.statements()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("need a transaction");
	}

}
