/**
 * Microsoft Teams through Microsoft Graph (PRODUCT L1, L4, L7): an app registration's client
 * credentials, online meetings created on the organizer's behalf with their audio-conferencing
 * numbers (or why there are none), and Graph change notifications about meeting calls
 * ({@code validationToken} handshake, {@code clientState} checked). Base URLs are
 * {@code assent.providers.teams.api-url} and {@code …oauth-url}.
 */
@ApplicationModule(displayName = "Microsoft Teams integration")
@NullMarked
package dev.assent.integrations.teams;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
