package dev.assent.accounts;

import java.util.UUID;

/** The profile that applies to a member and why (PRODUCT P3: member over team over default). */
public record ProfileAssignment(UUID profileId, Source source) {

	public enum Source {

		MEMBER, TEAM, DEFAULT

	}

}
