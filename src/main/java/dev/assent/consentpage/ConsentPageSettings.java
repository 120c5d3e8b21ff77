package dev.assent.consentpage;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A company's consent page settings (PRODUCT C1, C5, C9). {@code noticeHtml} is sanitised;
 * {@code null} means the built-in notice.
 */
public record ConsentPageSettings(UUID companyId, LinkType linkType, boolean protectedLinks,
		@Nullable Instant protectedSince, @Nullable String noticeHtml, @Nullable String policyUrl,
		@Nullable String logoSha256, @Nullable String logoType, Instant updatedAt) {

	static ConsentPageSettings defaults(UUID companyId, Instant now) {
		return new ConsentPageSettings(companyId, LinkType.STATIC, false, null, null, null, null, null, now);
	}

}
