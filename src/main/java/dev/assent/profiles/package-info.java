/**
 * Consent profiles: named bundles of consent settings, the default profile, and which profile
 * governs a member's page and calls (PRODUCT P1–P6).
 */
@ApplicationModule(displayName = "Consent profiles", allowedDependencies = "accounts")
@NullMarked
package dev.assent.profiles;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
