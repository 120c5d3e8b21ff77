/**
 * Small, closed kernel every module may use: clock, problem types, token hashing, slugs, the
 * database bootstrap, statements sent together at commit and cross-node change notifications.
 */
@NullMarked
package dev.assent.shared;

import org.jspecify.annotations.NullMarked;
