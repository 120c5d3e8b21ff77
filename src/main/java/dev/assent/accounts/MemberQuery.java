package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the team members list (PRODUCT T3): free text over name, email, slug and team;
 * team; and the consent profile by name (substring, case-insensitive) or id.
 */
public record MemberQuery(@Nullable String q, @Nullable UUID teamId, @Nullable String profile, int page, int size) {

	public MemberQuery {
		page = Math.max(page, 0);
		size = size <= 0 ? 50 : Math.min(size, 500);
	}

	public static MemberQuery all() {
		return new MemberQuery(null, null, null, 0, 500);
	}

}
