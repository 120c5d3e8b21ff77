/**
 * Consent evidence: append-only records of what each participant was shown and chose, for
 * auditors (PRODUCT X1).
 */
@ApplicationModule(displayName = "Evidence", allowedDependencies = {})
@NullMarked
package dev.assent.evidence;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
