package dev.assent.consentpage;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A change of the consent page settings; {@code null} keeps a value unless named in {@code cleared}. */
public record SettingsChanges(@Nullable String companySlug, @Nullable LinkType linkType,
		@Nullable Boolean protectedLinks, @Nullable String noticeHtml, @Nullable String policyUrl, Set<String> cleared) {

	public static final Set<String> CLEARABLE = Set.of("noticeHtml", "policyUrl");

}
