package dev.assent.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the recurrence horizon on: series without an end get the occurrences that came within
 * {@link CallSettings#horizon()} as time passed. Safe on many nodes at once: each meeting is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and a call exists once per occurrence (unique key).
 */
@Component
class CallHorizonJob {

	private static final Logger log = LoggerFactory.getLogger(CallHorizonJob.class);

	private static final int BATCH = 500;

	private final MeetingScheduling calls;

	private final Meetings meetings;

	private final CallSettings settings;

	private final Clock clock;

	CallHorizonJob(MeetingScheduling calls, Meetings meetings, CallSettings settings, Clock clock) {
		this.calls = calls;
		this.meetings = meetings;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${assent.calls.extend-initial-delay:PT5M}",
			fixedDelayString = "${assent.calls.extend-every:PT1H}")
	void run() {
		int extended = extendDue();
		if (extended > 0) {
			log.info("Extended the recurrence horizon of {} meetings", extended);
		}
	}

	/** Extends every series due now; returns how many were extended. */
	int extendDue() {
		Instant horizon = Instant.now(clock).plus(settings.horizon());
		List<UUID[]> due = meetings.dueForExtension(horizon, BATCH);
		int extended = 0;
		for (UUID[] meeting : due) {
			if (calls.extend(meeting[0], meeting[1])) {
				extended++;
			}
		}
		return extended;
	}

}
