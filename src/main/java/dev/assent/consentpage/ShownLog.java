package dev.assent.consentpage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.assent.shared.Batches;
/**
 * "Shown" evidence (PRODUCT X1): each consent page a participant is served, with the hash of the
 * exact notice, its language, the choices and the page-view key the decision will carry. Kept off
 * the page's hot path: a GET only queues it; one writer thread stores what waits together, in one
 * transaction and one link of each company's chain per batch ({@link ConsentManagement#recordShown},
 * the same group commit as the decisions, docs/adr/0005). Nobody waits for these records, so the
 * writer lingers ({@code assent.evidence.shown-linger}, 50 ms) after the first record of a batch for
 * the pages served meanwhile: under a steady stream of page views (issue 7: 300 a second, one by one)
 * it stores a few dozen per transaction instead of one or two, and takes the company's chain head
 * (which the decisions' writers wait for) a few times a second instead of every few milliseconds.
 * A page served is not a promise the way a decision is: when the queue is full (the database gone),
 * the record is dropped and counted ({@code assent.evidence.shown.dropped}) rather than slowing the page.
 */
@Component
class ShownLog implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ShownLog.class);

	/** A page as it was served to one participant. */
	record Shown(PageView view, String language, String noticeSha256, String noticeHtml, String participantId,
			String viewKey, @Nullable String userAgent, @Nullable String clientAddress, Instant at) {
	}

	private final ConsentManagement consents;

	private final Clock clock;

	private final boolean enabled;

	private final int maxBatch;

	private final long lingerNanos;

	private final BlockingQueue<Shown> queue;

	private final Counter dropped;

	private final Thread writer;

	private volatile boolean running = true;

	ShownLog(ConsentManagement consents, Clock clock, MeterRegistry meters, ShownRecordSettings settings) {
		boolean enabled = settings.shownRecords();
		int maxBatch = settings.shownMaxBatch();
		int capacity = settings.shownQueue();
		Duration linger = settings.shownLinger();
		if (linger.isNegative()) {
			throw new IllegalArgumentException("assent.evidence.shown-linger must not be negative: " + linger);
		}
		this.consents = consents;
		this.lingerNanos = linger.toNanos();
		this.clock = clock;
		this.enabled = enabled;
		this.maxBatch = Math.max(1, maxBatch);
		this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
		this.dropped = Counter.builder("assent.evidence.shown.dropped")
			.description("Consent pages served whose shown record could not be queued")
			.register(meters);
		this.writer = new Thread(this::run, "shown-writer");
		this.writer.setDaemon(true);
		if (enabled) {
			this.writer.start();
		}
	}

	/** Queues the record of a page served; never blocks. */
	void served(PageView view, PageRenderer.Rendered page, String participantId, String viewKey,
			@Nullable String userAgent, @Nullable String clientAddress) {
		if (!enabled || !running) {
			return;
		}
		Shown shown = new Shown(view, page.language(), page.noticeSha256(), page.noticeHtml(), participantId, viewKey,
				userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 200)),
				clientAddress == null ? null : pseudonym(view, clientAddress), Instant.now(clock));
		if (!queue.offer(shown)) {
			dropped.increment();
		}
	}

	/** The client address, pseudonymised per company (X1 checklist: "pseudonymised where possible"). */
	private static String pseudonym(PageView view, String address) {
		return ConsentPageManagement.sha256((view.companyId() + "|" + address).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.substring(0, 16);
	}

	/** Waits until everything queued so far is stored (tests, the benchmark). */
	void flush() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while ((!queue.isEmpty() || busy) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	private volatile boolean busy;

	private void run() {
		List<Shown> batch = new ArrayList<>(maxBatch);
		while (running || !queue.isEmpty()) {
			try {
				Shown first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				busy = true;
				batch.add(first);
				Batches.gather(queue, batch, maxBatch, lingerNanos, b -> !running);
				consents.recordShown(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				dropped.increment(batch.size());
				log.warn("{} shown records not stored: {}", batch.size(), ex.toString());
			}
			finally {
				batch.clear();
				busy = false;
			}
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		running = false;
		writer.join(TimeUnit.SECONDS.toMillis(5));
	}

}
