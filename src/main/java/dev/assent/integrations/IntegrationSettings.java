package dev.assent.integrations;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Assent talks to providers.
 *
 * @param secretKey the key provider credentials are encrypted with (environment
 * {@code ASSENT_INTEGRATIONS_SECRET_KEY}); without one a key is generated once and kept in the
 * database, which protects against leaked backups of the integrations schema only
 * @param maxAttempts attempts per provider request (429 and 5xx are retried)
 * @param retryDelay the first pause after a 5xx, doubled per attempt
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the request
 * @param webhookRetryDelay how long after a refused webhook set-up Assent tries again, doubled per failed attempt
 * @param webhookRetryMaxDelay the longest pause between two attempts to set up webhooks
 */
@ConfigurationProperties("assent.integrations")
record IntegrationSettings(@Nullable String secretKey, @DefaultValue("3") int maxAttempts,
		@DefaultValue("200ms") Duration retryDelay, @DefaultValue("30s") Duration maxRetryAfter,
		@DefaultValue("1m") Duration webhookRetryDelay, @DefaultValue("1h") Duration webhookRetryMaxDelay) {
}
