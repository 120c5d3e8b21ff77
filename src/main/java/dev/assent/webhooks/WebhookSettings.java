package dev.assent.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks ({@code assent.webhooks.*}; the cap on incoming bodies, {@code max-body}, is
 * the shared request filter's).
 *
 * @param allowPrivateTargets whether subscriptions may point at private, loopback or link-local addresses
 * @param retryBase,retryMax the doubling backoff of failed deliveries
 * @param maxAttempts attempts before a delivery is given up
 */
@ConfigurationProperties("assent.webhooks")
record WebhookSettings(@DefaultValue("false") boolean allowPrivateTargets, @DefaultValue("1s") Duration retryBase,
		@DefaultValue("1h") Duration retryMax, @DefaultValue("15") int maxAttempts) {

}
