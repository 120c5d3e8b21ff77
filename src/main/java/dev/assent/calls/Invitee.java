package dev.assent.calls;

import org.jspecify.annotations.Nullable;

/** Someone invited to a meeting, usually external; never has an account. */
public record Invitee(String email, @Nullable String name) {
}
