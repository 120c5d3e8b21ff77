/**
 * The consent page: settings, personal links, the public page participants see before joining,
 * and their decisions (PRODUCT C1–C10).
 */
@ApplicationModule(displayName = "Consent page", allowedDependencies = { "accounts", "profiles", "evidence", "calls" })
@NullMarked
package dev.assent.consentpage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
