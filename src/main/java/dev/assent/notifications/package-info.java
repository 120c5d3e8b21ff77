/**
 * Every email Assent sends (PRODUCT E1–E5): pre-call emails to external invitees, the "Send email
 * now" link announcement, admin alerts. It only listens to other modules' events and reads their
 * APIs; no other module sends mail. Emails are rows first (one per reason, recipient and
 * occurrence, E4), handed to SMTP by whichever node claims them, or captured in the mailbox the
 * admin UI shows when no SMTP server is configured.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = { "accounts", "profiles", "calls", "integrations" })
@NullMarked
package dev.assent.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
