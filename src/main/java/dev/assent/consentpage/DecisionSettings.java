package dev.assent.consentpage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the consent page stores participants' decisions and limits them ({@code assent.consent-page.*}).
 *
 * @param decisionWriters threads that store decisions (group commit, ADR 0005)
 * @param decisionMaxBatch decisions one transaction may hold
 * @param decisionQueue decisions that may wait to be stored; beyond, {@code 503} + {@code Retry-After}
 * @param decisionTimeout how long storing one may take; beyond, {@code 503} + {@code Retry-After}
 * @param decisionLinger under load (another writer storing), how long a writer gathers decisions first
 * @param rateLimit decisions a minute per participant and per address, else {@code 429}
 */
@ConfigurationProperties("assent.consent-page")
record DecisionSettings(@DefaultValue("1") int decisionWriters, @DefaultValue("64") int decisionMaxBatch,
		@DefaultValue("2000") int decisionQueue, @DefaultValue("10s") Duration decisionTimeout,
		@DefaultValue("5ms") Duration decisionLinger, @DefaultValue RateLimit rateLimit) {

	/**
	 * @param perParticipant decisions a minute per participant cookie ({@code 0}: no limit)
	 * @param perAddress decisions a minute per remote address ({@code 0}: no limit; behind a proxy set
	 *        {@code server.forward-headers-strategy})
	 */
	record RateLimit(@DefaultValue("30") int perParticipant, @DefaultValue("120") int perAddress) {

	}

}
