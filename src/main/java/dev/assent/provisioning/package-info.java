/**
 * SCIM 2.0 provisioning (RFC 7643/7644) at {@code /scim/v2}: identity providers (Okta, Microsoft
 * Entra) create, update and deactivate team members and teams, and set their consent profile
 * (PRODUCT J1, P2, P3). Users are team members, Groups are teams.
 */
@ApplicationModule(displayName = "Provisioning")
@NullMarked
package dev.assent.provisioning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
