/**
 * The admin UI's frame: the dashboard and what every admin page shows around its content (company,
 * signed-in member, navigation). Each module serves its own admin pages from its {@code web} package.
 */
@ApplicationModule(displayName = "Admin UI", allowedDependencies = { "accounts", "profiles", "consentpage" })
@NullMarked
package dev.assent.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
