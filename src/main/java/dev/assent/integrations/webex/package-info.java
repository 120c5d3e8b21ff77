/**
 * Webex (PRODUCT L1–L4, L7): an integration's refresh token (or a long-lived bot/service token),
 * members' personal rooms, meetings created on the organizer's behalf with their call-in numbers,
 * and Webex's signed webhooks ({@code X-Spark-Signature}). Base URLs are
 * {@code assent.providers.webex.api-url} and {@code …oauth-url}.
 */
@ApplicationModule(displayName = "Webex integration")
@NullMarked
package dev.assent.integrations.webex;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
