package dev.assent.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request is valid but clashes with the current state (a taken slug, a profile in use). */
@ResponseStatus(HttpStatus.CONFLICT)
public class Conflict extends RuntimeException {

	public Conflict(String message) {
		super(message);
	}

}
