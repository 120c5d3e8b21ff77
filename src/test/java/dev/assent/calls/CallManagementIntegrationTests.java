package dev.assent.calls;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.assent.shared.NotFound;
import dev.assent.shared.Provider;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module API the recording module builds on: events and status marks. */
@AssentIntegrationTest
@RecordApplicationEvents
class CallManagementIntegrationTests {

	private static final String MICHAELS_ROOM = "https://us02web.zoom.us/j/81234567890";

	static final Instant NOW = Instant.parse("2030-03-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	CallManagement calls;

	@Autowired
	ApplicationEvents events;

	TestCompany acme;

	@BeforeEach
	void setUp() {
		clock.set(NOW);
		acme = TestCompany.create(new Http(port));
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	Meeting weekly(String organizer, int count) {
		return calls.schedule(acme.id(), MeetingDraft.of("Weekly review", organizer, null, null,
				Instant.parse("2030-03-05T09:00:00Z"), Instant.parse("2030-03-05T10:00:00Z"), "Europe/Berlin",
				"FREQ=WEEKLY;COUNT=" + count, List.of(), List.of(new Invitee("jan@customer.example", "Jan")), null));
	}

	List<Call> callsOf(Meeting m) {
		return calls.search(acme.id(), new CallQuery(null, null, m.id(), null, null, 0, 500)).items();
	}

	@Test
	void publishesCallScheduledForEachNewOccurrence() {
		Meeting m = weekly("michael@acme.example", 3);

		List<CallScheduled> scheduled = events.stream(CallScheduled.class).filter(e -> e.meetingId().equals(m.id())).toList();
		assertThat(scheduled).hasSize(3);
		assertThat(scheduled).allSatisfy(e -> {
			assertThat(e.companyId()).isEqualTo(acme.id());
			assertThat(e.ownerId()).isEqualTo(acme.memberId("michael"));
			assertThat(e.provider()).isEqualTo(Provider.ZOOM);
			assertThat(e.joinUrl()).isEqualTo("https://us02web.zoom.us/j/81234567890");
			assertThat(e.occurredAt()).isEqualTo(NOW);
		});
		assertThat(scheduled).extracting(CallScheduled::callId)
			.containsExactlyElementsOf(callsOf(m).stream().map(Call::id).toList());
		assertThat(events.stream(CallSkipped.class)).isEmpty();
	}

	@Test
	void publishesCallSkippedForCallsWithoutOwner() {
		Meeting m = weekly("priya@partner.example", 2);

		assertThat(events.stream(CallScheduled.class)).hasSize(2).allSatisfy(e -> assertThat(e.ownerId()).isNull());
		assertThat(events.stream(CallSkipped.class)).hasSize(2)
			.allSatisfy(e -> assertThat(e.reason()).isEqualTo(SkipReason.NO_OWNER));
		assertThat(callsOf(m)).allSatisfy(c -> {
			assertThat(c.status()).isEqualTo(CallStatus.SKIPPED);
			assertThat(c.skipReason()).isEqualTo(SkipReason.NO_OWNER);
		});
	}

	@Test
	void statusMarksOnlyMoveForwardAndRepeatHarmlessly() {
		Call call = callsOf(weekly("michael@acme.example", 1)).get(0);
		UUID company = acme.id();

		assertThat(calls.markRecording(company, call.id()).status()).isEqualTo(CallStatus.RECORDING);
		assertThat(calls.markRecording(company, call.id()).status()).isEqualTo(CallStatus.RECORDING);
		assertThat(calls.markRecorded(company, call.id()).status()).isEqualTo(CallStatus.RECORDED);
		assertThat(calls.markRecording(company, call.id()).status()).as("never back").isEqualTo(CallStatus.RECORDED);
		Call partial = calls.markPartial(company, call.id(), Instant.parse("2030-03-05T09:45:00Z"));
		assertThat(partial.status()).isEqualTo(CallStatus.PARTIAL);
		assertThat(partial.keptUntil()).isEqualTo(Instant.parse("2030-03-05T09:45:00Z"));
		assertThat(calls.markRecorded(company, call.id()).status()).isEqualTo(CallStatus.PARTIAL);
	}

	@Test
	void skippingPublishesCallSkippedOnceAndKeepsTheFirstReason() {
		Call call = callsOf(weekly("michael@acme.example", 1)).get(0);
		Instant at = Instant.parse("2030-03-05T09:10:00Z");

		calls.markRecording(acme.id(), call.id());
		Call skipped = calls.markSkipped(acme.id(), call.id(), SkipReason.PARTICIPANT_OPTED_OUT, at);
		Call again = calls.markSkipped(acme.id(), call.id(), SkipReason.CONSENT_PAGE_NOT_USED, at.plusSeconds(5));

		assertThat(skipped.status()).isEqualTo(CallStatus.SKIPPED);
		assertThat(again.skipReason()).isEqualTo(SkipReason.PARTICIPANT_OPTED_OUT);
		assertThat(again.statusChangedAt()).isEqualTo(at);
		assertThat(events.stream(CallSkipped.class)).containsExactly(
				new CallSkipped(call.id(), acme.id(), SkipReason.PARTICIPANT_OPTED_OUT, at));
	}

	@Test
	void cancellingAMeetingPublishesCallCancelledOnce() {
		Meeting m = weekly("michael@acme.example", 2);

		calls.cancelMeeting(acme.id(), m.id());
		calls.cancelMeeting(acme.id(), m.id());

		assertThat(events.stream(CallCancelled.class)).hasSize(2)
			.allSatisfy(e -> assertThat(e.meetingId()).isEqualTo(m.id()));
		assertThat(callsOf(m)).allSatisfy(c -> assertThat(c.status()).isEqualTo(CallStatus.CANCELLED));
		assertThat(calls.occurrencesOfMeetings(acme.id(), List.of(m.id()), Instant.parse("2030-03-05T09:30:00Z")))
			.as("a cancelled call collects no decisions")
			.isEmpty();
		assertThat(calls.occurrencesInRooms(acme.id(), List.of(MICHAELS_ROOM), Instant.parse("2030-03-05T09:30:00Z")))
			.isEmpty();
	}

	@Test
	void marksAndReadsAreScopedToTheCompany() {
		Call call = callsOf(weekly("michael@acme.example", 1)).get(0);
		UUID otherCompany = UUID.randomUUID();

		assertThatThrownBy(() -> calls.get(otherCompany, call.id())).isInstanceOf(NotFound.class);
		assertThatThrownBy(() -> calls.markSkipped(otherCompany, call.id(), SkipReason.NO_OWNER, NOW))
			.isInstanceOf(NotFound.class);
		assertThat(calls.occurrencesInRooms(otherCompany, List.of(MICHAELS_ROOM), Instant.parse("2030-03-05T09:30:00Z")))
			.isEmpty();
		assertThat(calls.occurrencesOfMeetings(otherCompany, List.of(call.meetingId()), Instant.parse("2030-03-05T09:30:00Z")))
			.isEmpty();
		assertThat(calls.get(acme.id(), call.id()).status()).isEqualTo(CallStatus.SCHEDULED);
	}

	@Test
	void inOnePersonalRoomTheCallTheRecorderIsInBeatsTheOthers() {
		// OccurrenceRule: in progress by the recorder, else in its planned window, else the next one.
		Meeting first = calls.schedule(acme.id(), MeetingDraft.of("Long workshop", "michael@acme.example", null, null,
				Instant.parse("2030-03-05T08:00:00Z"), Instant.parse("2030-03-05T10:00:00Z"), "UTC", null, List.of(),
				List.of(), null));
		Meeting second = calls.schedule(acme.id(), MeetingDraft.of("Follow-up", "michael@acme.example", null, null,
				Instant.parse("2030-03-05T09:50:00Z"), Instant.parse("2030-03-05T10:30:00Z"), "UTC", null, List.of(),
				List.of(), null));

		assertThat(meetingInRoomAt("2030-03-05T07:50:00Z")).isEqualTo(first.id());
		assertThat(meetingInRoomAt("2030-03-05T09:45:00Z")).isEqualTo(first.id());
		assertThat(meetingInRoomAt("2030-03-05T09:55:00Z")).as("both planned now: the later start").isEqualTo(second.id());
		Call workshop = callsOf(first).get(0);
		calls.markStarted(acme.id(), workshop.id(), Instant.parse("2030-03-05T08:00:00Z"));
		assertThat(meetingInRoomAt("2030-03-05T09:55:00Z")).as("the recorder is in the workshop").isEqualTo(first.id());
		assertThat(meetingInRoomAt("2030-03-05T10:05:00Z")).as("running over").isEqualTo(first.id());
		calls.markEnded(acme.id(), workshop.id(), Instant.parse("2030-03-05T09:52:00Z"));
		assertThat(meetingInRoomAt("2030-03-05T09:55:00Z")).isEqualTo(second.id());
	}

	private UUID meetingInRoomAt(String at) {
		Call c = calls.occurrencesInRooms(acme.id(), List.of(MICHAELS_ROOM), Instant.parse(at)).get(MICHAELS_ROOM);
		return c == null ? null : c.meetingId();
	}

}
