/**
 * GoToMeeting (PRODUCT L1, L4): an OAuth client's refresh token, meetings created for the
 * connected organizer with the phone numbers of their {@code conferenceCallInfo}. Base URLs are
 * {@code assent.providers.gotomeeting.api-url} and {@code …oauth-url}.
 */
@ApplicationModule(displayName = "GoToMeeting integration")
@NullMarked
package dev.assent.integrations.gotomeeting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
