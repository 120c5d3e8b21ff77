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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.shared.Batches;

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

	/**
	 * How long the marks acknowledged after the first of a batch are waited for: at 300 opt-outs a
	 * second one by one, a statement (and a commit) per one or two marks otherwise (issue 7). A STOP's
	 * lease lasts seconds; a mark 20 ms later changes nothing else.
	 */
	static final Duration GATHER = Duration.ofMillis(20);

	private final Commands commands;

	private final TransactionTemplate tx;

	private final Duration gather;

	private final int most;

	private final BlockingQueue<Mark> queue = new LinkedBlockingQueue<>();

	private final Thread writer = new Thread(this::run, "recorder-sent-marks");

	/** Put in the queue on shutdown: the writer ends when it comes to it. */
	private static final Mark END = new Mark(new UUID(0, 0), "", Instant.EPOCH);

	/** The recorder acknowledged command {@code id} (for bot {@code botId}) at {@code at}. */
	record Mark(UUID id, String botId, Instant at) {
	}

	@Autowired
	SentMarks(Commands commands, TransactionTemplate tx) {
		this(commands, tx, GATHER, MOST);
	}

	SentMarks(Commands commands, TransactionTemplate tx, Duration gather, int most) {
		this.commands = commands;
		this.tx = tx;
		this.gather = gather;
		this.most = most;
		this.writer.setDaemon(true);
	}

	@PostConstruct
	void start() {
		writer.start();
	}

	/** Marks the command SENT soon (within some 20 ms, unless the database is away). */
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
			// The marks of the next GATHER (MOST at most); END comes last (shutdown): nothing more is waited for.
			// Interrupted, what was gathered is written and the writer ends at its next wait.
			Batches.gather(queue, batch, most, gather.toNanos(), b -> b.get(b.size() - 1) == END);
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
