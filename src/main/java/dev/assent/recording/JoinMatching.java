package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Matching the participants the recorder saw join to consent-page decisions (PRODUCT D6, D8).
 * <ul>
 * <li>A join is <b>covered</b> when it is the owner (same email), a reconnect (same email, or same
 * name without email, as an earlier covered join), or matched one-to-one to a consent-page
 * participant of the call whose decision is at most {@link #JOIN_GRACE} after the join and who is
 * not matched to another join yet (the latest such decision).</li>
 * <li>An <b>opt-out</b> whose participant no join is matched to is attributed to the latest join
 * of the call that no decision explains (someone who joined with the provider's link and used the
 * consent page afterwards), so the owner learns who opted out.</li>
 * </ul>
 */
final class JoinMatching {

	/** A consent-page decision counts for a join up to this long after it (clocks of two systems). */
	static final Duration JOIN_GRACE = Duration.ofMinutes(1);

	/** A decision of the call: who (the page's participant id) and when. */
	record Decided(String participantId, Instant decidedAt) {
	}

	/** What a join is: covered or not, and the consent-page participant it was matched to, if any. */
	record Match(boolean covered, @Nullable String participantId) {
	}

	private JoinMatching() {
	}

	static Match join(@Nullable String ownerEmail, List<Participants.Joined> earlier, List<Decided> decisions,
			@Nullable String name, @Nullable String email, Instant joinedAt) {
		if (email != null && ownerEmail != null && ownerEmail.equalsIgnoreCase(email)) {
			return new Match(true, null);
		}
		boolean reconnect = earlier.stream()
			.anyMatch(j -> j.covered() && ((email != null && email.equalsIgnoreCase(j.email()))
					|| (email == null && name != null && name.equalsIgnoreCase(j.name()))));
		if (reconnect) {
			return new Match(true, null);
		}
		Set<String> taken = new HashSet<>();
		earlier.forEach(j -> {
			if (j.decisionParticipantId() != null) {
				taken.add(j.decisionParticipantId());
			}
		});
		String matched = decisions.stream()
			.filter(d -> !d.decidedAt().isAfter(joinedAt.plus(JOIN_GRACE)))
			.filter(d -> !taken.contains(d.participantId()))
			.max(Comparator.comparing(Decided::decidedAt))
			.map(Decided::participantId)
			.orElse(null);
		return new Match(matched != null, matched);
	}

	/** Of the call's joins, the one an opt-out of {@code participantId} is attributed to, if any. */
	static Optional<Participants.Joined> forOptOut(List<Participants.Joined> joined, String participantId,
			Instant decidedAt) {
		if (joined.stream().anyMatch(j -> participantId.equals(j.decisionParticipantId()))) {
			return Optional.empty();
		}
		// PostgreSQL keeps microseconds and rounds: allow the stored join time to be a rounding later.
		Instant latestJoin = decidedAt.plusMillis(1);
		return joined.stream()
			.filter(j -> j.decisionParticipantId() == null && !j.joinedAt().isAfter(latestJoin))
			.max(Comparator.comparing(Participants.Joined::joinedAt));
	}

}
