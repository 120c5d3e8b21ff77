package dev.assent.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request is valid but clashes with the current state (a taken slug, a profile in use). */
@ResponseStatus(HttpStatus.CONFLICT)
public class Conflict extends CodedException {

	public Conflict(String message) {
		super(message);
	}

	private Conflict(String code, Object[] args) {
		super(code, args);
	}

	/** A conflict, said by a message code of admin-messages.properties and its arguments. */
	public static Conflict coded(String code, Object... args) {
		return new Conflict(code, args);
	}

}
