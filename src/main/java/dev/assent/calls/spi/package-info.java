/**
 * The port through which calls reaches meeting providers (PRODUCT L1–L4, L7): what a provider
 * integration can do for a company, personal-link lookup and dynamic meetings with dial-in. The
 * {@code integrations} module implements it, one adapter per provider; calls never depends on it.
 */
@NamedInterface("spi")
@NullMarked
package dev.assent.calls.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
