package dev.assent.calls;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A call with what a reader wants next to it: the meeting's invitees, the owner and the consent
 * profile that governs the call (the owner's, PRODUCT P5), resolved at reading time (P4).
 */
public record CallDetails(Call call, List<Invitee> invitees, @Nullable Person owner, @Nullable ProfileRef profile) {

	public record Person(UUID id, String name, String email) {
	}

	public record ProfileRef(UUID id, String name) {
	}

}
