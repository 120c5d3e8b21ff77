package dev.assent.integrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.RetryAfter;

/**
 * The one way adapters call a provider's API: a request that gets a 401 is tried once more with a
 * fresh token, and a second 401 marks the integration disconnected ({@link IntegrationDisconnected});
 * a 429 waits as long as its {@code Retry-After} says (up to {@code assent.integrations.max-retry-after});
 * a 5xx or an unreachable provider is retried with a doubling pause, up to
 * {@code assent.integrations.max-attempts} attempts.
 */
@Component
public class ProviderCalls {

	private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

	/** One attempt; {@code freshToken} asks the adapter to fetch a new access token first. */
	@FunctionalInterface
	public interface Attempt<T> {

		T run(boolean freshToken);

	}

	private final IntegrationManagement integrations;

	private final IntegrationSettings settings;

	private final Pauses pauses;

	private final Clock clock;

	ProviderCalls(IntegrationManagement integrations, IntegrationSettings settings, Pauses pauses, Clock clock) {
		this.integrations = integrations;
		this.settings = settings;
		this.pauses = pauses;
		this.clock = clock;
	}

	public <T> T send(UUID companyId, Provider provider, Attempt<T> attempt) {
		boolean fresh = false;
		int attempts = 0;
		while (true) {
			attempts++;
			try {
				return attempt.run(fresh);
			}
			catch (HttpClientErrorException.Unauthorized ex) {
				if (!fresh) {
					fresh = true;
					attempts--;
					continue;
				}
				String reason = provider.displayName() + " refused Assent's credentials (HTTP 401): the app was removed, "
						+ "its secret changed or its access revoked. Connect " + provider.displayName() + " again.";
				integrations.markDisconnected(companyId, provider, reason);
				throw new ProviderUnavailable(provider, reason);
			}
			catch (HttpClientErrorException.TooManyRequests ex) {
				Duration wait = retryAfter(ex.getResponseHeaders());
				if (attempts >= settings.maxAttempts() || wait.compareTo(settings.maxRetryAfter()) > 0) {
					throw new ProviderUnavailable(provider, provider.displayName() + " limits Assent's requests (HTTP 429); "
							+ "try again in " + wait.toSeconds() + " s.");
				}
				log.debug("{} answered 429; retrying after {}", provider, wait);
				pauses.pause(wait);
			}
			catch (HttpServerErrorException | ResourceAccessException ex) {
				if (attempts >= settings.maxAttempts()) {
					throw new ProviderUnavailable(provider, provider.displayName() + " did not answer successfully after "
							+ attempts + " attempts (" + ex.getMessage() + ").");
				}
				pauses.pause(settings.retryDelay().multipliedBy(1L << (attempts - 1)));
			}
		}
	}

	/** Seconds or an HTTP date ({@link RetryAfter}); one second when absent or unreadable. */
	Duration retryAfter(@Nullable HttpHeaders headers) {
		return RetryAfter.parse(headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER), Instant.now(clock))
			.orElse(Duration.ofSeconds(1));
	}

	@Configuration(proxyBeanMethods = false)
	static class PausesConfiguration {

		@Bean
		@org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
		Pauses threadPauses() {
			return duration -> {
				try {
					Thread.sleep(duration.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while waiting to retry", ex);
				}
			};
		}

	}

}
