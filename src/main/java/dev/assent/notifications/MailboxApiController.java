package dev.assent.notifications;

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

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.shared.Keyset;
import dev.assent.shared.NotFound;
import dev.assent.shared.QueryParams;

/**
 * The API of {@code /admin/mailbox} (issue 11): "Send email now" (PRODUCT E2) and its progress, and
 * the company's emails with their delivery state (E4), through the same services as the admin page.
 */
@RestController
@Tag(name = "Emails", description = "Send email now (E2) and the company's emails: the captured mailbox, or the send log with failures (E4)")
class MailboxApiController {

	static final String RUN_EXAMPLE = """
			{"id": "0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7b", "startedAt": "2026-12-03T09:00:00Z", "total": 42,
			 "sent": 40, "pending": 1, "failed": 1, "cancelled": 0, "finished": false}""";

	static final String EMAIL_EXAMPLE = """
			{"id": "0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7c", "reason": "LINK_ANNOUNCEMENT", "recipient": "dana@acme.example",
			 "recipientName": "Dana Scully", "language": "en", "subject": "Your consent link at Acme Corp", "status": "FAILED",
			 "attempts": 1, "lastError": "550 5.1.1 mailbox unavailable",
			 "runId": "0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7b", "createdAt": "2026-12-03T09:00:00Z",
			 "textBody": "Hello Dana, …", "htmlBody": "<!doctype html>…"}""";

	private final Emails emails;

	private final Announcements announcements;

	private final Mailer mailer;

	MailboxApiController(Emails emails, Announcements announcements, Mailer mailer) {
		this.emails = emails;
		this.announcements = announcements;
		this.mailer = mailer;
	}

	@Schema(description = "A Send email now run and how far it has come")
	record AnnouncementRun(UUID id, Instant startedAt,
			@Schema(description = "emails the run made: recorded, active members whose link was not announced yet") int total,
			long sent, long pending, long failed, long cancelled,
			@Schema(description = "true when no email of the run is pending") boolean finished) {

		static AnnouncementRun of(Announcements.Run r) {
			return new AnnouncementRun(r.id(), r.createdAt(), r.total(), r.sent(), r.pending(), r.failed(), r.cancelled(),
					r.finished());
		}

	}

	@Schema(description = "One page of emails, newest first")
	record EmailList(List<EmailSummary> items,
			@Schema(description = "pass as cursor for the next page; null on the last page") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor,
			@Schema(description = "true when no SMTP server is set and emails are captured in this mailbox") boolean captured) {
	}

	@Schema(description = "An email with its bodies")
	record EmailResource(UUID id, Reason reason, String recipient, @Nullable String recipientName, String language,
			String subject, Email.Status status, int attempts, @Nullable String lastError, @Nullable String transport,
			@Nullable UUID runId, Instant createdAt, @Nullable Instant sentAt, String textBody,
			@Schema(description = "the HTML part as sent; render it sandboxed, it is the email's own markup") String htmlBody) {

		static EmailResource of(Email e) {
			return new EmailResource(e.id(), e.reason(), e.recipient(), e.recipientName(), e.language(), e.subject(),
					e.status(), e.attempts(), e.lastError(), e.transport(), e.runId(), e.createdAt(), e.sentAt(),
					e.textBody(), e.htmlBody());
		}

	}

	@PostMapping("/api/v1/announcements")
	@Operation(summary = "Send email now: announce every recorded member's consent link (E2)",
			description = "Makes one email for every recorded, active member whose link was not announced yet (each link is "
					+ "announced once, also across runs and nodes) and answers 202 at once with the run; poll Location for its "
					+ "progress. A run with total 0 had nothing left to send. Members who become recorded later get the "
					+ "announcement too.")
	@ApiResponse(responseCode = "202", description = "the run started; Location is where to read its progress",
			content = @Content(schema = @Schema(implementation = AnnouncementRun.class),
					examples = @ExampleObject(name = "started", value = RUN_EXAMPLE)))
	ResponseEntity<AnnouncementRun> announce(@AuthenticationPrincipal Tenant tenant) {
		Announcements.Run run = announcements.announce(tenant.companyId(), tenant.memberId());
		return ResponseEntity.accepted()
			.header(HttpHeaders.LOCATION, "/api/v1/announcements/" + run.id())
			.body(AnnouncementRun.of(run));
	}

	@GetMapping("/api/v1/announcements/latest")
	@Operation(summary = "The company's latest Send email now run (what the mailbox page shows)")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnnouncementRun.class),
			examples = @ExampleObject(name = "progress", value = RUN_EXAMPLE)))
	@ApiResponse(responseCode = "404", description = "the company never sent its links")
	AnnouncementRun latest(@AuthenticationPrincipal Tenant tenant) {
		return announcements.latest(tenant.companyId())
			.map(AnnouncementRun::of)
			.orElseThrow(() -> new NotFound("Announcement run"));
	}

	@GetMapping("/api/v1/announcements/{id}")
	@Operation(summary = "A Send email now run's progress")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnnouncementRun.class),
			examples = @ExampleObject(name = "progress", value = RUN_EXAMPLE)))
	@ApiResponse(responseCode = "404", description = "no such run of this company")
	AnnouncementRun run(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return announcements.progress(tenant.companyId(), id)
			.map(AnnouncementRun::of)
			.orElseThrow(() -> new NotFound("Announcement run"));
	}

	@GetMapping("/api/v1/emails")
	@Operation(summary = "The company's emails, newest first, without their bodies",
			description = "Keyset-paginated: pass the answer's nextCursor as cursor for the next page (null on the last). "
					+ "Filter by status, reason or run.")
	EmailList list(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "PENDING, SENT, FAILED or CANCELLED") @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "PRE_CALL, LINK_ANNOUNCEMENT, RAW_LINK_REMINDER or INTEGRATION_DISCONNECTED")
			@RequestParam(required = false) @Nullable String reason,
			@Parameter(description = "a Send email now run's id") @RequestParam(required = false) @Nullable UUID run,
			@Parameter(description = "the nextCursor of the previous page") @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size) {
		int n = Keyset.size(size);
		List<EmailSummary> rows = emails.page(tenant.companyId(), QueryParams.enumeration("status", status, Email.Status.class),
				QueryParams.enumeration("reason", reason, Reason.class), run, Keyset.cursor(cursor), n + 1);
		Keyset.Page<EmailSummary> page = Keyset.page(rows, n, e -> Keyset.Cursor.of(e.createdAt(), e.id()));
		return new EmailList(page.items(), page.nextCursor(), !"SMTP".equals(mailer.transport()));
	}

	@GetMapping("/api/v1/emails/{id}")
	@Operation(summary = "Read one email with its text and HTML bodies")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EmailResource.class),
			examples = @ExampleObject(name = "failed", value = EMAIL_EXAMPLE)))
	@ApiResponse(responseCode = "404", description = "no such email of this company")
	EmailResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return emails.find(tenant.companyId(), id).map(EmailResource::of).orElseThrow(() -> new NotFound("Email"));
	}

}
