package dev.assent.calls.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.Provider;
import dev.assent.calls.CalendarImport;
import dev.assent.calls.Invitation;
import dev.assent.calls.Invitee;
import dev.assent.calls.Meeting;
import dev.assent.calls.MeetingDraft;
import dev.assent.calls.MeetingLinkType;
import dev.assent.calls.MeetingPage;
import dev.assent.calls.SkipReason;
import dev.assent.calls.TimeZones;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.Languages;

@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings", description = "Schedule one-off and recurring meetings, also from iCalendar files; get the invite text with the consent link (D1, D2, C7, J2)")
class MeetingApiController {

	static final String TEXT_CALENDAR = "text/calendar";

	private static final int OCCURRENCES_SHOWN = 20;

	private static final int OCCURRENCES_IN_LIST = 5;

	private static final String RECURRENCE_NOTE = "Occurrences become calls up to 180 days ahead (at most 500 upcoming per meeting); more are added as time passes.";

	private final CallManagement calls;

	private final BaseUrl baseUrl;

	MeetingApiController(CallManagement calls, BaseUrl baseUrl) {
		this.calls = calls;
		this.baseUrl = baseUrl;
	}

	record Person(UUID id, String name) {
	}

	record Occurrence(UUID callId, Instant plannedStart, Instant plannedEnd, CallStatus status,
			@Nullable SkipReason skipReason) {
	}

	record MeetingResource(UUID id, String title, String organizerEmail, Provider provider, @Nullable String joinUrl,
			Instant start, Instant end, String timeZone, @Nullable String recurrence, @Nullable String recurrenceNote,
			List<Instant> exdates, List<Instant> rdates, List<Invitee> invitees, MeetingLinkType linkType,
			@Nullable String linkTypeNote,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Person owner,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String consentLink,
			@JsonInclude(JsonInclude.Include.ALWAYS) Invitation.@Nullable DialIn dialIn, String dialInNote,
			String inviteText, List<Occurrence> occurrences, long occurrenceCount, @Nullable Instant scheduledUntil,
			@Nullable String calendarUid, Instant createdAt, Instant updatedAt, @Nullable Instant cancelledAt) {
	}

	record MeetingList(List<MeetingResource> items, long total, int page, int size) {
	}

	record Skipped(@Nullable String uid, @Nullable String summary, String reason, @Nullable Integer line) {
	}

	record ImportResult(List<MeetingResource> created, List<MeetingResource> updated, List<Skipped> skipped) {
	}

	@Schema(description = "A meeting to schedule; see the operation for how each field is used")
	record ScheduleMeeting(@Schema(example = "Quarterly review") @NotBlank @Size(max = 300) String title,
			@Schema(example = "michael@acme.example") @NotBlank @Email @Size(max = 320) String organizerEmail,
			@Nullable Provider provider,
			@Schema(example = "https://us02web.zoom.us/j/81234567890") @Nullable @Size(max = 2000) String joinUrl,
			@Schema(description = "ISO-8601 with offset or Z, or local to timeZone", example = "2030-03-04T10:00")
			@NotBlank String start,
			@Schema(example = "2030-03-04T10:30") @NotBlank String end,
			@Schema(description = "IANA time zone", example = "Europe/Berlin") @NotBlank String timeZone,
			@Schema(description = "RFC 5545 RRULE", example = "FREQ=WEEKLY;BYDAY=TU;COUNT=10") @Nullable String recurrence,
			@Schema(description = "occurrence starts left out of the recurrence") @Nullable List<@NotBlank String> exdates,
			@Nullable List<@Valid @NotNull MeetingInvitee> invitees, @Nullable MeetingLinkType linkType) {
	}

	record MeetingInvitee(@Schema(example = "jan@client.example") @NotBlank @Email @Size(max = 320) String email,
			@Schema(example = "Jan Levinson") @Nullable @Size(max = 200) String name) {
	}

	@PostMapping
	@Operation(summary = "Schedule a meeting", description = """
			One-off, or recurring with an RFC 5545 RRULE in `recurrence` (expanded in `timeZone`, an IANA id, so \
			local times hold across daylight-saving changes) and `exdates` left out. `start`/`end` are the first \
			occurrence: ISO-8601 with offset or Z, or local to `timeZone`. Without `joinUrl` the owner's personal \
			meeting link is used; `provider` is recognised from the link when absent. The call owner is the organizer \
			when a recorded team member, else the first recorded invitee; without one, every occurrence is SKIPPED \
			(NO_OWNER). `consentLink` (also in `inviteText`) is the owner's personal link \
			`/{company}/{member}` when the meeting is held in the owner's personal room, else the meeting's own \
			link `/{company}/{member}/{meeting}` naming the member whose personal room it uses, or the owner (an SDR \
			scheduling for an AE gets the AE's page): its decisions belong to this meeting's occurrences and its \
			303 leads to `joinUrl`; with `?t=` when links are protected. `linkType` DYNAMIC creates the provider meeting through a connected integration (the given \
			`provider`, else the first connected one that creates meetings) on the organizer's behalf; its join URL \
			becomes the meeting's and the invite carries up to 5 of its dial-in numbers plus the provider's list \
			(`dialIn`). Without such an integration DYNAMIC answers 409; leave `joinUrl` out with DYNAMIC.""")
	ResponseEntity<MeetingResource> create(@AuthenticationPrincipal Tenant tenant,
			@Valid @RequestBody ScheduleMeeting body,
			@Parameter(description = "The language of `inviteText` (a C8 code such as `de`, `ar`, `ja`); default: the first language of the owner's consent profile") @RequestParam(required = false) @Nullable String language) {
		if (language != null) {
			Languages.require("language", language);
		}
		ZoneId zone = TimeZones.require("timeZone", body.timeZone());
		List<Instant> exdates = new ArrayList<>();
		List<String> exdateTexts = body.exdates();
		if (exdateTexts != null) {
			for (int i = 0; i < exdateTexts.size(); i++) {
				exdates.add(ApiTimes.instant("exdates[" + i + "]", exdateTexts.get(i), zone));
			}
		}
		List<Invitee> invitees = body.invitees() == null ? List.of()
				: body.invitees().stream().map(i -> new Invitee(i.email(), i.name())).toList();
		MeetingDraft draft = MeetingDraft.of(body.title(), body.organizerEmail(), body.provider(), body.joinUrl(),
				ApiTimes.instant("start", body.start(), zone), ApiTimes.instant("end", body.end(), zone), zone.getId(),
				body.recurrence(), exdates, invitees, body.linkType());
		Meeting meeting = calls.schedule(tenant.companyId(), draft);
		return ResponseEntity.created(URI.create("/api/v1/meetings/" + meeting.id()))
			.body(resource(tenant.companyId(), meeting, OCCURRENCES_SHOWN, language));
	}

	@PostMapping(path = "/import", consumes = TEXT_CALENDAR)
	@Operation(summary = "Import meetings from an iCalendar (.ics) file", description = """
			Send the file as the body with Content-Type text/calendar (Google Calendar, Outlook, Apple Calendar and \
			Evolution exports work: TZID with IANA or Windows zone names, Outlook display names, prefixed ids and \
			zones the file's own VTIMEZONE defines, RRULE, RDATE, EXDATE, RECURRENCE-ID instances, ORGANIZER, \
			ATTENDEE, the Meet/Zoom/Teams link from the provider property, LOCATION or DESCRIPTION). Importing an \
			event again (same UID) updates its meeting. Events that are not schedulable meetings (all-day, over, no \
			organizer) or cannot be read are listed under `skipped` with `reason` and the `line` their VEVENT begins \
			on; the others are imported. Only a body that is not a calendar at all (or over 2 MB) answers 400, \
			naming the line.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = "string"))))
	ResponseEntity<ImportResult> importCalendar(@AuthenticationPrincipal Tenant tenant, HttpServletRequest request)
			throws IOException {
		UUID companyId = tenant.companyId();
		// Read one byte past the limit, never the whole of an oversized body.
		byte[] body = request.getInputStream().readNBytes(CallManagement.MAX_CALENDAR_BYTES + 1);
		CalendarImport result = calls.importCalendar(companyId, body);
		ImportResult out = new ImportResult(
				result.created().stream().map(m -> resource(companyId, m, OCCURRENCES_IN_LIST, null)).toList(),
				result.updated().stream().map(m -> resource(companyId, m, OCCURRENCES_IN_LIST, null)).toList(),
				result.skipped().stream().map(s -> new Skipped(s.uid(), s.summary(), s.reason(), s.line())).toList());
		return ResponseEntity.status(result.created().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED).body(out);
	}

	@GetMapping
	@Operation(summary = "List meetings", description = "Newest first; each with its next few occurrences.")
	MeetingList list(@AuthenticationPrincipal Tenant tenant, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size,
			@Parameter(description = "The language of `inviteText` (a C8 code such as `de`, `ar`, `ja`); default: the first language of the owner's consent profile") @RequestParam(required = false) @Nullable String language) {
		MeetingPage result = calls.meetings(tenant.companyId(), page, size);
		return new MeetingList(
				result.items().stream().map(m -> resource(tenant.companyId(), m, OCCURRENCES_IN_LIST, language)).toList(),
				result.total(), result.page(), result.size());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a meeting", description = "With its consent link, invite text and next occurrences (all of them: GET /api/v1/calls?meeting={id}).")
	MeetingResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@Parameter(description = "The language of `inviteText` (a C8 code such as `de`, `ar`, `ja`); default: the first language of the owner's consent profile") @RequestParam(required = false) @Nullable String language) {
		return resource(tenant.companyId(), calls.meeting(tenant.companyId(), id), OCCURRENCES_SHOWN, language);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Cancel a meeting", description = "Its occurrences that have not started are cancelled; the meeting stays readable.")
	MeetingResource cancel(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return resource(tenant.companyId(), calls.cancelMeeting(tenant.companyId(), id), OCCURRENCES_SHOWN, null);
	}

	private MeetingResource resource(UUID companyId, Meeting m, int occurrences, @Nullable String language) {
		Invitation invitation = calls.invitation(companyId, m, baseUrl.get(), language);
		List<Occurrence> upcoming = calls.upcomingOccurrences(companyId, m.id(), occurrences)
			.stream()
			.map(MeetingApiController::occurrence)
			.toList();
		Person owner = calls.owner(companyId, m.ownerId()).map(p -> new Person(p.id(), p.name())).orElse(null);
		String linkTypeNote = switch (m.linkType()) {
			case STATIC -> null;
			case DYNAMIC -> "A " + m.provider().displayName() + " meeting was created for this meeting; share the consent link, "
					+ "never the provider's join link, so participants choose before joining.";
			case HOST_DECIDES -> "HOST_DECIDES is a company setting; on a meeting it means the owner's static personal link.";
		};
		return new MeetingResource(m.id(), m.title(), m.organizerEmail(), m.provider(), m.joinUrl(), m.start(), m.end(),
				m.timeZone(), m.recurrence(), m.isRecurring() ? RECURRENCE_NOTE : null, m.exdates(), m.rdates(), m.invitees(),
				m.linkType(), linkTypeNote, owner, invitation.consentLink(), invitation.dialIn(), invitation.dialInNote(),
				invitation.inviteText(), upcoming, calls.occurrenceCount(companyId, m.id()), m.expandedUntil(),
				m.calendarUid(), m.createdAt(), m.updatedAt(), m.cancelledAt());
	}

	private static Occurrence occurrence(Call c) {
		return new Occurrence(c.id(), c.plannedStart(), c.plannedEnd(), c.status(), c.skipReason());
	}

}
