/**
 * Reporting: the consent opt-out rate kept current from the other modules' events (PRODUCT R1),
 * and the spreadsheet of every recorded member's consent link (R2).
 */
@ApplicationModule(displayName = "Reporting", allowedDependencies = { "calls", "consentpage", "accounts", "profiles" })
@NullMarked
package dev.assent.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
