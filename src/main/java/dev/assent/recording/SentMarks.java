package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks the STOPs the recorder acknowledged on the fast path as SENT, all those acknowledged
 * meanwhile in one statement (issue 7): a mark per STOP cost a transaction of its own with its own
 * wait for the disk, as much database work as the rest of the opt-out. A mark that is never written
 * (a crash, the database away) only means that its STOP is sent once more when its lease ends, with
 * the same {@code Idempotency-Key}: the recorder does nothing twice.
 */
@Component
class SentMarks {

	private static final Logger log = LoggerFactory.getLogger(SentMarks.class);

	/** The most marks written by one statement. */
	static final int MOST = 512;

	private final Commands commands;

	private final TransactionTemplate tx;

	private final BlockingQueue<Mark> queue = new LinkedBlockingQueue<>();

	private final Thread writer = new Thread(this::run, "recorder-sent-marks");

	/** Put in the queue on shutdown: the writer ends when it comes to it. */
	private static final Mark END = new Mark(new UUID(0, 0), "", Instant.EPOCH);

	/** The recorder acknowledged command {@code id} (for bot {@code botId}) at {@code at}. */
	record Mark(UUID id, String botId, Instant at) {
	}

	SentMarks(Commands commands, TransactionTemplate tx) {
		this.commands = commands;
		this.tx = tx;
		this.writer.setDaemon(true);
	}

	@PostConstruct
	void start() {
		writer.start();
	}

	/** Marks the command SENT soon (within milliseconds, unless the database is away). */
	void add(UUID id, String botId, Instant at) {
		queue.add(new Mark(id, botId, at));
	}

	private void run() {
		List<Mark> batch = new ArrayList<>();
		for (boolean end = false; !end; batch.clear()) {
			try {
				batch.add(queue.take());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			queue.drainTo(batch, MOST - batch.size());
			end = batch.remove(END);
			if (!batch.isEmpty()) {
				write(batch);
			}
		}
	}

	private void write(List<Mark> batch) {
		try {
			// Not waiting for the disk: a mark lost in a crash only sends its STOP once more.
			tx.executeWithoutResult(s -> commands.sentAll(batch));
		}
		catch (RuntimeException ex) {
			log.warn("{} recorder commands acknowledged but not marked sent; they are sent again when their lease ends: {}",
					batch.size(), ex.toString());
		}
	}

	/** Writes what is left on shutdown, before the database goes. */
	@PreDestroy
	void stop() throws InterruptedException {
		queue.add(END);
		writer.join(Duration.ofSeconds(5).toMillis());
	}

}
