package dev.assent.shared;

import java.net.URI;

/** The {@code type} URIs of the RFC 9457 problem details Assent answers with. */
public final class ProblemTypes {

	private static final String BASE = "https://assent.dev/problems/";

	public static final URI NOT_FOUND = URI.create(BASE + "not-found");

	public static final URI INVALID_INPUT = URI.create(BASE + "invalid-input");

	public static final URI MALFORMED_BODY = URI.create(BASE + "malformed-body");

	public static final URI BODY_TOO_LARGE = URI.create(BASE + "body-too-large");

	public static final URI CONFLICT = URI.create(BASE + "conflict");

	public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

	/** The database is unreachable, slow or busy right now: nothing was changed; try again after {@code Retry-After}. */
	public static final URI UNAVAILABLE = URI.create(BASE + "unavailable");

	private ProblemTypes() {
	}

}
