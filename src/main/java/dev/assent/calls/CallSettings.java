package dev.assent.calls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far ahead recurring meetings become calls. A rule without an end is materialised only up
 * to {@code horizon} ahead, and never more than {@code maxOccurrences} upcoming calls per
 * meeting; {@link CallHorizonJob} moves the horizon on as time passes. Which occurrence a consent
 * decision belongs to is {@link OccurrenceRule}'s.
 */
@ConfigurationProperties("assent.calls")
record CallSettings(@DefaultValue("180d") Duration horizon, @DefaultValue("500") int maxOccurrences) {
}
