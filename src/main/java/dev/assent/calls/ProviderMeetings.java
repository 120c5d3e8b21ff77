package dev.assent.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.calls.spi.NoDialIn;
import dev.assent.calls.spi.ProviderMeeting;

/** The provider meetings created for dynamic links (PRODUCT L1, L4); every query names the company. */
@Repository
class ProviderMeetings {

	record Stored(UUID meetingId, Provider provider, ProviderMeeting meeting) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ProviderMeetings(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID companyId, UUID meetingId, Provider provider, ProviderMeeting m, Instant now) {
		jdbc.sql("""
				insert into calls.provider_meetings (meeting_id, company_id, provider, provider_meeting_id, join_url, dial_in,
				  more_numbers_url, no_dial_in_reason, created_at)
				values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
			.params(meetingId, companyId, provider.name(), m.providerMeetingId(), m.joinUrl(),
					json.writeValueAsString(m.dialInNumbers()), m.moreNumbersUrl(),
					m.noDialIn() == null ? null : m.noDialIn().name(), Timestamp.from(now))
			.update();
	}

	Optional<Stored> find(UUID companyId, UUID meetingId) {
		return jdbc.sql("select * from calls.provider_meetings where company_id = ? and meeting_id = ?")
			.params(companyId, meetingId)
			.query((rs, n) -> new Stored(rs.getObject("meeting_id", UUID.class), Provider.valueOf(rs.getString("provider")),
					new ProviderMeeting(rs.getString("provider_meeting_id"), rs.getString("join_url"),
							json.readValue(rs.getString("dial_in"), new TypeReference<List<ProviderMeeting.DialInNumber>>() {
							}), rs.getString("more_numbers_url"), noDialIn(rs.getString("no_dial_in_reason")))))
			.optional();
	}

	private static @Nullable NoDialIn noDialIn(@Nullable String stored) {
		return stored == null ? null : NoDialIn.of(stored);
	}

	/** The meeting that has this provider meeting (for provider webhooks). */
	Optional<UUID> meetingOf(UUID companyId, Provider provider, String providerMeetingId) {
		return jdbc.sql("select meeting_id from calls.provider_meetings where company_id = ? and provider = ? and provider_meeting_id = ?")
			.params(companyId, provider.name(), providerMeetingId)
			.query(UUID.class)
			.optional();
	}

}
