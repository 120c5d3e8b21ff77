/**
 * Zoom (PRODUCT L1–L4, L7): Server-to-Server OAuth, members' personal meeting links, meetings
 * created on the organizer's behalf with their global dial-in numbers, and Zoom's signed webhooks.
 * Base URLs are {@code assent.providers.zoom.api-url} and {@code …oauth-url}.
 */
@ApplicationModule(displayName = "Zoom integration")
@NullMarked
package dev.assent.integrations.zoom;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
