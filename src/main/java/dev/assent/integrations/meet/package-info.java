/**
 * Google Meet through Google Calendar (PRODUCT L1, L4): a Google account's OAuth refresh token,
 * Calendar events with a Meet conference created in the organizer's calendar, with the phone
 * entry points and the "more numbers" link. Base URLs are {@code assent.providers.meet.api-url}
 * and {@code …oauth-url}.
 */
@ApplicationModule(displayName = "Google Meet integration")
@NullMarked
package dev.assent.integrations.meet;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
