package dev.assent.shared;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node that a company's configuration (profiles, members, teams, consent page
 * settings) changed, so caches never serve a stale view (PRODUCT P4).
 * <p>
 * Writers call {@link #changed(UUID)} inside their transaction. This node bumps the company's
 * generation right after commit — before the change is acknowledged to the caller — and a
 * PostgreSQL {@code NOTIFY} (delivered on commit) does the same on every other node.
 * Caches remember the generation they read under and treat older entries as misses.
 * <p>
 * While the listener connection is down, notifications of other nodes are missed: every cached
 * entry is then stale ({@link #listening()} is false), and once it listens again the epoch — a part
 * of every company's generation, also of companies this node never saw change — moves on, so
 * nothing read before or during the gap is used again.
 */
@Component
public class ConfigChanges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);

	private static final String CHANNEL = "assent_config";

	/** The notification payload of a room's change: this prefix and the room's key. */
	private static final String ROOM = "room:";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Map<UUID, Long> generations = new ConcurrentHashMap<>();

	private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/** Moves on when the listener connection was lost and when it listens again. */
	private final AtomicLong epoch = new AtomicLong();

	private volatile boolean listening;

	private volatile Thread listenerThread;

	ConfigChanges(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Announces a change of the company's configuration; call inside the writing transaction. */
	public void changed(UUID companyId) {
		jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, companyId.toString()).query().singleValue();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					bump(companyId);
				}
			});
		}
		else {
			bump(companyId);
		}
	}

	/**
	 * Announces that the recording state of the calls held in one meeting room changed (a call of it
	 * was stopped by an opt-out or reopened, PRODUCT C10); call inside the writing transaction. Only
	 * the consent pages of that room are stale then, not every page of the company — an opt-out at the
	 * top of the hour must not make every participant's page be read and rendered again.
	 */
	public void changedRoom(UUID companyId, String joinUrl) {
		UUID room = Room.of(companyId, joinUrl).key();
		Set<UUID> collecting = together.get();
		if (collecting != null) {
			collecting.add(room);
		}
		else {
			jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, ROOM + room).query().singleValue();
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					generations.merge(room, 1L, Long::sum);
				}
			});
		}
		else {
			generations.merge(room, 1L, Long::sum);
		}
	}

	/** The rooms changed by the work {@link #roomsTogether} runs on this thread, while it runs. */
	private final ThreadLocal<Set<UUID>> together = new ThreadLocal<>();

	/**
	 * Runs {@code work} (inside the writing transaction) announcing the rooms it changes
	 * ({@link #changedRoom}) with one statement when it is done, not one per room: a group commit
	 * that stops many calls (issue 7). When the work fails, nothing of it is announced.
	 */
	public void roomsTogether(Runnable work) {
		if (together.get() != null) {
			work.run();
			return;
		}
		Set<UUID> rooms = new LinkedHashSet<>();
		together.set(rooms);
		try {
			work.run();
		}
		finally {
			together.remove();
		}
		if (!rooms.isEmpty()) {
			jdbc.sql("select pg_notify(?, ? || r) from unnest(?::text[]) as r")
				.params(CHANNEL, ROOM, rooms.stream().map(UUID::toString).toArray(String[]::new))
				.query()
				.listOfRows();
		}
	}

	/** The current generation of the recording state of a room's calls; it only grows. */
	public long roomGeneration(UUID companyId, String joinUrl) {
		return roomGeneration(Room.of(companyId, joinUrl));
	}

	/** {@link #roomGeneration(UUID, String)} of a room whose key was kept. */
	public long roomGeneration(Room room) {
		return epoch.get() + generations.getOrDefault(room.key(), 0L);
	}

	/**
	 * The key of a meeting room (a company's join URL) under which its calls' changes are announced. Making it
	 * hashes the URL: a cache that checks a room's generation on every read keeps the key with its entry.
	 */
	public record Room(UUID key) {

		public static Room of(UUID companyId, String joinUrl) {
			return new Room(UUID.nameUUIDFromBytes((companyId + " " + joinUrl).getBytes(StandardCharsets.UTF_8)));
		}

	}

	/** The key of the bearer tokens' generation (one for every company's tokens: they change rarely). */
	private static final UUID TOKENS = new UUID(0, 0);

	private static final Room TOKENS_ROOM = Room.of(TOKENS, "bearer-tokens");

	/**
	 * Announces that a company's API or SCIM token was rotated or revoked; call inside the writing
	 * transaction. Every node forgets the tokens it remembered (accounts' token cache).
	 */
	public void tokensChanged() {
		changedRoom(TOKENS, "bearer-tokens");
	}

	/** The current generation of the bearer tokens of all companies; it only grows. */
	public long tokenGeneration() {
		return roomGeneration(TOKENS_ROOM);
	}

	/** The current generation of a company's configuration; it only grows. */
	public long generation(UUID companyId) {
		return epoch.get() + generations.getOrDefault(companyId, 0L);
	}

	/**
	 * Whether this node hears every other node's changes right now; while it does not, cached
	 * configuration must not be trusted.
	 */
	public boolean listening() {
		return listening;
	}

	public void onChange(Consumer<UUID> listener) {
		listeners.add(listener);
	}

	private void bump(UUID companyId) {
		generations.merge(companyId, 1L, Long::sum);
		listeners.forEach(l -> l.accept(companyId));
	}

	@Override
	public void start() {
		running = true;
		listenerThread = new Thread(this::listen, "assent-config-listener");
		listenerThread.setDaemon(true);
		listenerThread.start();
	}

	private void listen() {
		boolean first = true;
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement st = connection.createStatement()) {
					st.execute("LISTEN " + CHANNEL);
				}
				if (!first) {
					// Changes of other nodes while we were not listening were missed: everything read
					// before this point is stale, for every company.
					epoch.incrementAndGet();
					log.info("Listening for configuration changes again; cached pages were dropped");
				}
				first = false;
				listening = true;
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = pg.getNotifications(1000);
					if (notifications != null) {
						for (PGNotification n : notifications) {
							String what = n.getParameter();
							if (what.startsWith(ROOM)) {
								generations.merge(UUID.fromString(what.substring(ROOM.length())), 1L, Long::sum);
							}
							else {
								bump(UUID.fromString(what));
							}
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				listening = false;
				if (running) {
					log.warn("Lost the configuration-change listener connection; reconnecting: {}", ex.getMessage());
					// Everything may have changed while we were not listening (every company).
					epoch.incrementAndGet();
					first = false;
					pause();
				}
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		running = false;
		Thread t = listenerThread;
		if (t != null) {
			try {
				t.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
