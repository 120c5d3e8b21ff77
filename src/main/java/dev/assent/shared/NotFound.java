package dev.assent.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The thing asked for does not exist <em>for the caller's company</em>. Another company's ids
 * answer the same way, so ids leak nothing across tenants.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFound extends CodedException {

	public NotFound(String what) {
		super(what + " not found");
	}

	private NotFound(String code, Object[] args) {
		super(code, args);
	}

	/** Not found, said by a message code of admin-messages.properties (e.g. {@code notFound.member}). */
	public static NotFound coded(String code, Object... args) {
		return new NotFound(code, args);
	}

}
