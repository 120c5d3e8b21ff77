package dev.assent.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.assent.calls.spi.MeetingProvider;
import dev.assent.calls.spi.NoDialIn;
import dev.assent.calls.spi.ProviderCapability;
import dev.assent.calls.spi.ProviderMeeting;
import dev.assent.calls.spi.ProviderMeetingRequest;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.Languages;

/**
 * Dynamic links (PRODUCT L1, L4, L5): a provider meeting created per scheduled meeting through a
 * connected integration, and what its invite says about dial-in.
 */
@Component
class DynamicLinks {

	/** At most this many dial-in numbers go into an invite (L4). */
	static final int DIAL_IN_SHOWN = 5;

	record Created(Provider provider, ProviderMeeting meeting) {
	}

	/**
	 * What the invite says about dial-in: the numbers shown (at most {@link #DIAL_IN_SHOWN}) and the
	 * provider's list, or why there are none ({@code noDialIn}, of {@code provider}); {@code note} is
	 * the API's English note for integrators. The invite text says the same in its own language
	 * ({@link InviteTexts}).
	 */
	record DialInInfo(Invitation.@Nullable DialIn dialIn, String note, @Nullable NoDialIn noDialIn,
			@Nullable String provider) {
	}

	private final MeetingProviders providers;

	private final ProviderMeetings stored;

	DynamicLinks(MeetingProviders providers, ProviderMeetings stored) {
		this.providers = providers;
		this.stored = stored;
	}

	/**
	 * Creates the provider meeting, at {@code wanted} when given, else at the first connected
	 * provider that creates meetings.
	 * @throws DynamicLinkUnavailable when none can (a 409, never a fallback to the static link)
	 */
	Created create(UUID companyId, @Nullable Provider wanted, ProviderMeetingRequest request) {
		MeetingProvider provider;
		if (wanted != null && wanted != Provider.OTHER) {
			provider = providers.of(wanted)
				.filter(p -> p.capabilities().contains(ProviderCapability.DYNAMIC_MEETINGS))
				.orElseThrow(() -> new DynamicLinkUnavailable("linkType DYNAMIC: Assent cannot create "
						+ wanted.displayName() + " meetings; " + capable() + " Or use linkType STATIC."));
			if (!provider.connected(companyId)) {
				throw new DynamicLinkUnavailable("linkType DYNAMIC: " + wanted.displayName() + " is not connected; a tech "
						+ "admin connects it under Integrations (PUT /api/v1/integrations/" + wanted + "). Or use linkType STATIC.");
			}
		}
		else {
			provider = providers.connected(companyId, ProviderCapability.DYNAMIC_MEETINGS)
				.stream()
				.findFirst()
				.orElseThrow(() -> new DynamicLinkUnavailable("linkType DYNAMIC needs a connected provider integration "
						+ "that creates meetings, and none is connected. " + capable() + " Or use linkType STATIC."));
		}
		try {
			return new Created(provider.provider(), provider.createMeeting(companyId, request));
		}
		catch (ProviderUnavailable ex) {
			throw new DynamicLinkUnavailable("linkType DYNAMIC: " + provider.provider().displayName()
					+ " could not create the meeting: " + ex.getMessage());
		}
	}

	private String capable() {
		String names = providers.capableOf(ProviderCapability.DYNAMIC_MEETINGS)
			.stream()
			.map(p -> p.provider().displayName())
			.collect(Collectors.joining(", "));
		return names.isEmpty() ? "This deployment has no integration that creates meetings."
				: "Integrations that create meetings: " + names + ".";
	}

	void store(UUID companyId, UUID meetingId, Created created, java.time.Instant now) {
		stored.insert(companyId, meetingId, created.provider(), created.meeting(), now);
	}

	Optional<ProviderMeetings.Stored> of(UUID companyId, UUID meetingId) {
		return stored.find(companyId, meetingId);
	}

	/**
	 * The provider whose meeting a DYNAMIC meeting's join link is, when that provider's integration
	 * is no longer connected (PRODUCT L5); empty for other meetings and while it is connected.
	 */
	Optional<Provider> disconnected(UUID companyId, Meeting meeting) {
		if (meeting.linkType() != MeetingLinkType.DYNAMIC) {
			return Optional.empty();
		}
		Provider provider = of(companyId, meeting.id()).map(ProviderMeetings.Stored::provider).orElse(meeting.provider());
		boolean connected = providers.of(provider).map(p -> p.connected(companyId)).orElse(false);
		return connected ? Optional.empty() : Optional.of(provider);
	}

	/** Dial-in for the invite of a meeting (L4): the provider's first 5 numbers and its list, only for dynamic links. */
	DialInInfo dialIn(UUID companyId, Meeting meeting) {
		Optional<ProviderMeetings.Stored> dynamic = meeting.linkType() == MeetingLinkType.DYNAMIC ? of(companyId, meeting.id())
				: Optional.empty();
		if (dynamic.isEmpty()) {
			return new DialInInfo(null,
					"Static personal consent links carry no dial-in numbers; dial-in information comes with dynamic links only.",
					null, null);
		}
		ProviderMeeting m = dynamic.get().meeting();
		String provider = dynamic.get().provider().displayName();
		if (m.dialInNumbers().isEmpty()) {
			NoDialIn why = m.noDialIn() != null ? m.noDialIn() : NoDialIn.NOT_GIVEN;
			return new DialInInfo(null, InviteTexts.in(Languages.DEFAULT).noDialIn(why, provider), why, provider);
		}
		List<String> numbers = new ArrayList<>();
		for (ProviderMeeting.DialInNumber n : m.dialInNumbers().subList(0, Math.min(DIAL_IN_SHOWN, m.dialInNumbers().size()))) {
			String where = n.country() == null ? "" : " (" + n.country() + (n.city() == null ? "" : ", " + n.city()) + ")";
			numbers.add(n.number() + where);
		}
		String note = m.dialInNumbers().size() > DIAL_IN_SHOWN
				? "The first " + DIAL_IN_SHOWN + " of " + provider + "'s " + m.dialInNumbers().size()
						+ " dial-in numbers; the others are on its list (moreUrl)."
				: provider + "'s dial-in numbers for this meeting.";
		return new DialInInfo(new Invitation.DialIn(numbers, m.moreNumbersUrl()), note, null, provider);
	}

}
