/**
 * Meeting-provider integrations (PRODUCT L1–L7, E3): connections per company with encrypted
 * credentials, the capability table, and one nested module per provider adapter (e.g.
 * {@code integrations.zoom}) implementing the calls module's provider port. Adapters are beans
 * chosen by configuration; nothing depends on this module.
 */
@ApplicationModule(displayName = "Integrations", allowedDependencies = { "calls", "calls :: spi", "accounts" })
@NullMarked
package dev.assent.integrations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
