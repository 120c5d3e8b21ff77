/**
 * Companies (tenants), team members, teams, roles, logins and API tokens (PRODUCT T1–T3).
 */
@ApplicationModule(displayName = "Accounts")
@NullMarked
package dev.assent.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
