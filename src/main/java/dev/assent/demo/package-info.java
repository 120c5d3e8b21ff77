/**
 * The demo company seeded on an empty database when {@code ASSENT_DEMO=true} (the default for the
 * embedded run), so a newcomer can click through Assent at once.
 */
@ApplicationModule(displayName = "Demo data", allowedDependencies = { "accounts", "profiles", "consentpage", "calls" })
@NullMarked
package dev.assent.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
