/** The reporting module's API and admin pages. */
@NullMarked
package dev.assent.reporting.web;

import org.jspecify.annotations.NullMarked;
