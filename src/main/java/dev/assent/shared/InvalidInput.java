package dev.assent.shared;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Input that breaks a rule; {@link #fields()} names the fields at fault and why. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends RuntimeException {

	private final Map<String, String> fields;

	public InvalidInput(String field, String message) {
		super(field + ": " + message);
		this.fields = Map.of(field, message);
	}

	/** Several fields at fault at once (e.g. from Bean Validation), each with why. */
	public InvalidInput(Map<String, String> fields) {
		super(fields.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(java.util.stream.Collectors.joining("; ")));
		this.fields = Map.copyOf(fields);
	}

	public Map<String, String> fields() {
		return fields;
	}

}
