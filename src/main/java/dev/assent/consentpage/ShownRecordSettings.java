package dev.assent.consentpage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The evidence that a page was shown ({@code assent.evidence.shown-*}, {@link ShownLog}): best effort,
 * written in batches nobody waits for.
 *
 * @param shownRecords whether page views are recorded at all
 * @param shownMaxBatch records one transaction may hold
 * @param shownQueue records that may wait; beyond, a record is dropped and counted
 * @param shownLinger how long the writer gathers records after the first of a batch
 */
@ConfigurationProperties("assent.evidence")
record ShownRecordSettings(@DefaultValue("true") boolean shownRecords, @DefaultValue("256") int shownMaxBatch,
		@DefaultValue("20000") int shownQueue, @DefaultValue("50ms") Duration shownLinger) {

}
