/**
 * Meetings (one-off and recurring, also imported from iCalendar files), their occurrences as
 * calls, invitees and the call owner (PRODUCT D1, D2, C7, J2).
 */
@ApplicationModule(displayName = "Calls", allowedDependencies = { "accounts", "profiles" })
@NullMarked
package dev.assent.calls;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
