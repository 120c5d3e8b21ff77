package dev.assent.accounts;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A partial update of a team member. A {@code null} field is left as it is, unless its name is
 * in {@code cleared}: then the value is removed (e.g. the member's own profile, so the team's or
 * the default one applies again).
 */
public record MemberChanges(@Nullable String name, @Nullable String email, @Nullable String slug,
		@Nullable UUID teamId, @Nullable UUID managerId, @Nullable Role role, @Nullable Boolean recorded,
		@Nullable Boolean active, @Nullable UUID consentProfileId, @Nullable String personalMeetingUrl,
		@Nullable String externalId, Set<String> cleared) {

	public static final Set<String> CLEARABLE = Set.of("teamId", "managerId", "consentProfileId",
			"personalMeetingUrl", "externalId");

	public static MemberChanges none() {
		return new MemberChanges(null, null, null, null, null, null, null, null, null, null, null, Set.of());
	}

	public MemberChanges withProfile(@Nullable UUID profileId) {
		return new MemberChanges(name, email, slug, teamId, managerId, role, recorded, active, profileId,
				personalMeetingUrl, externalId, profileId == null ? Set.of("consentProfileId") : cleared);
	}

	boolean clears(String field) {
		return cleared.contains(field);
	}

}
