/**
 * Consent evidence: the append-only, hash-chained ledger of what each participant was shown and
 * chose, its verification and the exports auditors take away (PRODUCT X1).
 */
@ApplicationModule(displayName = "Evidence", allowedDependencies = { "accounts", "calls", "jurisdictions" })
@NullMarked
package dev.assent.evidence;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
