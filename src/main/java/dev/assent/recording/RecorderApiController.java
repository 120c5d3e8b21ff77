package dev.assent.recording;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.calls.CallManagement;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.recording.spi.RecorderTimeline;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.Keyset;
import dev.assent.shared.QueryParams;

/**
 * The API of {@code /admin/recorder} (issue 11): which recorder Assent talks to, the company's
 * recorder commands with their delivery state, and the simulated recorder's bot timeline — of the
 * caller's company only (the outbox and the simulator serve every company).
 */
@RestController
@Tag(name = "Recorder", description = "The recorder Assent commands, its command outbox and the simulated bots (D3, D4)")
class RecorderApiController {

	static final String COMMANDS_EXAMPLE = """
			{"items": [{"id": "0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7b", "callId": "0193a6f2-0000-7000-8000-000000000003",
			  "kind": "STOP", "status": "PENDING", "attempts": 3, "botId": "bot_8c1f2a", "lastError": "503 Service Unavailable",
			  "recordCommandId": "0193a6f2-0000-7000-8000-000000000005", "createdAt": "2026-12-03T09:00:00Z",
			  "nextAttemptAt": "2026-12-03T09:00:01.6Z"}],
			 "nextCursor": null}""";

	private final Recorder recorder;

	private final RecorderSettings settings;

	private final Commands commands;

	private final SimulatedBots bots;

	private final CallManagement calls;

	private final RecordingManagement recordings;

	private final SkippedCalls skipped;

	private final ParticipantDeletions deletions;

	RecorderApiController(Recorder recorder, RecorderSettings settings, Commands commands, SimulatedBots bots,
			CallManagement calls, RecordingManagement recordings, SkippedCalls skipped, ParticipantDeletions deletions) {
		this.recorder = recorder;
		this.settings = settings;
		this.commands = commands;
		this.bots = bots;
		this.calls = calls;
		this.recordings = recordings;
		this.skipped = skipped;
		this.deletions = deletions;
	}

	record RecorderResource(@Schema(description = "which recorder API: ASSENT (API.md) or RECALL") RecorderSettings.Kind kind,
			@Schema(description = "true when the in-process simulated recorder stands in for a real one") boolean simulated,
			@Schema(description = "where commands go", example = "https://recorder.example") String url) {
	}

	@Schema(description = "A command of the recorder outbox: stored before it is sent, retried with backoff until the recorder answers 2xx")
	record CommandResource(UUID id, UUID callId,
			@Schema(description = "RECORD (a bot for the call), STOP (an opt-out or the call was skipped), PURPOSES (refused purposes, X4)") Command.Kind kind,
			@Schema(description = "PENDING (not acknowledged yet: retried), SENT (acknowledged), CANCELLED") Command.Status status,
			int attempts, @Nullable String botId, @Nullable String lastError,
			@Schema(description = "for STOP and PURPOSES: the RECORD command of the bot") @Nullable UUID recordCommandId,
			Instant createdAt, @Schema(description = "when a PENDING command is tried next") @Nullable Instant nextAttemptAt,
			@Nullable Instant sentAt) {

		static CommandResource of(Command c) {
			return new CommandResource(c.id(), c.callId(), c.kind(), c.status(), c.attempts(), c.botId(), c.lastError(),
					c.recordCommandId(), c.createdAt(), c.status() == Command.Status.PENDING ? c.nextAttemptAt() : null,
					c.sentAt());
		}

	}

	@Schema(description = "One page of recorder commands, newest first")
	record CommandList(List<CommandResource> items,
			@Schema(description = "pass as cursor for the next page; null on the last page") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {
	}

	@Schema(description = "A simulated bot and the webhooks it sent, oldest first")
	record BotResource(RecorderTimeline.Bot bot, List<RecorderTimeline.Event> webhooks) {
	}

	record BotList(@Schema(description = "false with a real recorder: it keeps no timeline in Assent") boolean simulated,
			List<BotResource> items) {
	}

	@Schema(description = "A call's recording as the call page shows it: the current bot, the recorded segments, who opted out and the deletions asked for")
	record CallRecording(UUID callId, @Nullable String botId, @Nullable Instant botJoinedAt,
			@Nullable Instant recordingStartedAt, @Nullable Instant recordingStoppedAt, @Nullable Instant endedAt,
			@Schema(description = "why recording stopped for good, e.g. PARTICIPANT_OPTED_OUT; null while it may record") @Nullable String stopReason,
			@Schema(description = "who opted out: name and email when known") List<String> optedOut,
			@Schema(description = "one per bot that recorded, first first (C10)") List<Segments.Segment> segments,
			@Schema(description = "withdrawals after which the recorder was asked to delete a participant's part (X2)") List<ParticipantDeletions.Request> deletions) {
	}

	@GetMapping("/api/v1/calls/{id}/recording")
	@Operation(summary = "A call's recording: bot, segments, opt-outs, deletion requests (what /admin/calls/{id} shows)")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CallRecording.class)))
	@ApiResponse(responseCode = "404", description = "no such call of this company")
	CallRecording recording(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		UUID companyId = tenant.companyId();
		calls.get(companyId, id);
		Session s = recordings.session(id).orElse(null);
		return new CallRecording(id, s == null ? null : s.botId(), s == null ? null : s.botJoinedAt(),
				s == null ? null : s.recordingStartedAt(), s == null ? null : s.recordingStoppedAt(),
				s == null ? null : s.endedAt(), s == null ? null : s.stopReason(),
				skipped.whoOptedOut(companyId, List.of(id)).getOrDefault(id, List.of()),
				recordings.segmentsOf(companyId, id), deletions.of(companyId, id));
	}

	@GetMapping("/api/v1/recorder")
	@Operation(summary = "The recorder Assent commands")
	RecorderResource recorder() {
		return new RecorderResource(settings.kind(), recorder.simulated(), recorder.url());
	}

	@GetMapping("/api/v1/recorder/commands")
	@Operation(summary = "The company's recorder commands, newest first",
			description = "What /admin/recorder shows: each command's state, attempts and last error. Only the caller's "
					+ "company. Keyset-paginated: pass the answer's nextCursor as cursor for the next page (null on the last).")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CommandList.class),
			examples = @ExampleObject(name = "a STOP being retried", value = COMMANDS_EXAMPLE)))
	@ApiResponse(responseCode = "400", description = "an unknown status or kind, size out of range, or a cursor that is not one of this list")
	@ApiResponse(responseCode = "404", description = "call is not one of this company")
	CommandList commands(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "only this call's commands") @RequestParam(required = false) @Nullable UUID call,
			@Parameter(description = "PENDING, SENT or CANCELLED") @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "RECORD, STOP or PURPOSES") @RequestParam(required = false) @Nullable String kind,
			@Parameter(description = "the nextCursor of the previous page") @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size) {
		if (call != null) {
			calls.get(tenant.companyId(), call);
		}
		int n = Keyset.size(size);
		List<Command> rows = commands.page(tenant.companyId(), call,
				QueryParams.enumeration("status", status, Command.Status.class),
				QueryParams.enumeration("kind", kind, Command.Kind.class), Keyset.cursor(cursor), n + 1);
		Keyset.Page<CommandResource> page = Keyset.page(rows, n, c -> Keyset.Cursor.of(c.createdAt(), c.id()))
			.map(CommandResource::of);
		return new CommandList(page.items(), page.nextCursor());
	}

	@GetMapping("/api/v1/recorder/bots")
	@Operation(summary = "The simulated recorder's latest bots of the company, newest first, each with its webhooks",
			description = "The timeline /admin/recorder shows while the simulated recorder runs; empty with a real recorder.")
	BotList bots(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "1 to 200") @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw InvalidInput.of("limit", "invalid.page-size", 200);
		}
		SimulatedBots.Timeline timeline = bots.latest(tenant.companyId(), limit);
		return new BotList(recorder.simulated(),
				timeline.bots().stream().map(b -> new BotResource(b, timeline.of(b.id()))).toList());
	}

}
