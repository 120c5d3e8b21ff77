/**
 * Recording-consent law by jurisdiction (PRODUCT X3): the law table ({@code jurisdictions.csv}),
 * the strictest rule that applies to a call's participants, and the consent-profile settings it
 * needs.
 */
@ApplicationModule(displayName = "Jurisdictions", allowedDependencies = { "accounts", "profiles", "calls" })
@NullMarked
package dev.assent.jurisdictions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
