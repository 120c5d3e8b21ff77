package dev.assent.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What meeting providers report through their webhooks (PRODUCT L7), mapped onto calls: the call
 * is the occurrence of the company's meeting held in that provider meeting (a dynamic meeting by its
 * provider id, else a meeting whose join link carries the id, e.g. a personal room) whose window
 * (15 minutes before its planned start until an hour after its planned end) contains the moment;
 * the nearest start wins. Publishes {@link CallStarted}, {@link CallEnded}, {@link ParticipantJoined}.
 */
@Service
public class ProviderActivity {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ProviderActivity(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional
	public Optional<UUID> started(UUID companyId, Provider provider, String providerMeetingId, Instant at) {
		Optional<UUID> call = callOf(companyId, provider, providerMeetingId, at);
		call.ifPresent(id -> events.publishEvent(new CallStarted(id, companyId, provider, at)));
		return call;
	}

	@Transactional
	public Optional<UUID> ended(UUID companyId, Provider provider, String providerMeetingId, Instant at) {
		Optional<UUID> call = callOf(companyId, provider, providerMeetingId, at);
		call.ifPresent(id -> events.publishEvent(new CallEnded(id, companyId, provider, at)));
		return call;
	}

	@Transactional
	public Optional<UUID> participantJoined(UUID companyId, Provider provider, String providerMeetingId,
			@Nullable String name, @Nullable String email, Instant at) {
		Optional<UUID> call = callOf(companyId, provider, providerMeetingId, at);
		call.ifPresent(id -> events.publishEvent(new ParticipantJoined(id, companyId, provider, name, email, at)));
		return call;
	}

	Optional<UUID> callOf(UUID companyId, Provider provider, String providerMeetingId, Instant at) {
		if (providerMeetingId.isBlank() || providerMeetingId.length() > 512) {
			return Optional.empty();
		}
		// an id that is safe inside a regular expression may also be found in a join link (a personal room);
		// others (e.g. Microsoft Graph's long online-meeting ids) only through the dynamic meetings Assent created
		boolean linkSafe = providerMeetingId.matches("[A-Za-z0-9_-]{1,100}");
		Timestamp t = Timestamp.from(at);
		return jdbc.sql("""
				select c.id from calls.calls c
				where c.company_id = :company and c.provider = :provider and c.status <> 'CANCELLED'
				  and (c.meeting_id in (select p.meeting_id from calls.provider_meetings p
				                        where p.company_id = :company and p.provider = :provider and p.provider_meeting_id = :id)
				""" + (linkSafe ? "       or c.join_url ~ ('/' || :id || '([/?#]|$)'))" : "      )") + """

				  and c.planned_start - interval '15 minutes' <= :at and c.planned_end + interval '1 hour' >= :at
				order by abs(extract(epoch from (c.planned_start - :at))) limit 1""")
			.param("company", companyId)
			.param("provider", provider.name())
			.param("id", providerMeetingId)
			.param("at", t)
			.query(UUID.class)
			.optional();
	}

}
