package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PRODUCT D6, D8: joins matched to consent-page decisions, and opt-outs to joins. */
class JoinMatchingTests {

	private static final Instant T = Instant.parse("2030-03-05T10:00:00Z");

	private static final UUID CALL = UUID.randomUUID();

	private static Participants.Joined joined(String name, String email, int atSeconds, String participant,
			boolean covered) {
		return new Participants.Joined("evt-" + name, CALL, name, email, T.plusSeconds(atSeconds), participant, covered);
	}

	@Test
	void theOwnerNeedsNoDecision() {
		JoinMatching.Match m = JoinMatching.join("pam@acme.example", List.of(), List.of(), "Pam", "PAM@acme.example", T);

		assertThat(m).isEqualTo(new JoinMatching.Match(true, null));
	}

	@Test
	void aJoinIsMatchedToTheLatestFreeDecisionAtMostAMinuteAfterIt() {
		List<JoinMatching.Decided> decided = List.of(new JoinMatching.Decided("p1", T.minusSeconds(30)),
				new JoinMatching.Decided("p2", T.plusSeconds(50)), new JoinMatching.Decided("p3", T.plusSeconds(70)));
		List<Participants.Joined> earlier = List.of(joined("Bea", "bea@x.example", -40, "p1", true));

		JoinMatching.Match m = JoinMatching.join("pam@acme.example", earlier, decided, "Carl", "carl@x.example", T);

		assertThat(m).isEqualTo(new JoinMatching.Match(true, "p2"));
	}

	@Test
	void aJoinWithoutADecisionIsNotCoveredButAReconnectIs() {
		List<Participants.Joined> earlier = List.of(joined("Bea", "bea@x.example", -40, "p1", true));

		assertThat(JoinMatching.join(null, earlier, List.of(), "Dan", null, T).covered()).isFalse();
		assertThat(JoinMatching.join(null, earlier, List.of(), "Bea", "BEA@x.example", T).covered()).isTrue();
		assertThat(JoinMatching.join(null, earlier, List.of(), "bea", null, T).covered()).isTrue();
	}

	@Test
	void anOptOutIsAttributedToTheLatestUnexplainedJoinBeforeIt() {
		List<Participants.Joined> joins = List.of(joined("Bea", "bea@x.example", 0, null, false),
				joined("Carl", "carl@x.example", 60, null, false), joined("Dan", "dan@x.example", 300, null, false));

		assertThat(JoinMatching.forOptOut(joins, "p9", T.plus(Duration.ofMinutes(2)))).map(Participants.Joined::name)
			.contains("Carl");
	}

	@Test
	void anOptOutOfAParticipantAlreadyMatchedIsNotAttributedAgain() {
		List<Participants.Joined> joins = List.of(joined("Bea", "bea@x.example", 0, "p1", true),
				joined("Carl", "carl@x.example", 60, null, false));

		assertThat(JoinMatching.forOptOut(joins, "p1", T.plus(Duration.ofMinutes(2)))).isEmpty();
	}

}
