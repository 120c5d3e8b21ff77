package dev.assent.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What it takes to add a team member; a missing slug is derived from the name. */
public record MemberDraft(String name, String email, @Nullable String slug, @Nullable UUID teamId,
		@Nullable UUID managerId, @Nullable Role role, @Nullable Boolean recorded, @Nullable UUID consentProfileId,
		@Nullable String personalMeetingUrl, @Nullable String externalId, @Nullable String password) {

	public static MemberDraft of(String name, String email) {
		return new MemberDraft(name, email, null, null, null, null, null, null, null, null, null);
	}

}
