package dev.assent.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a PATCH body into its request record, validated with Bean Validation like any other
 * request body, and keeps what a record cannot say: which fields were sent as an explicit
 * {@code null} (clear) rather than left out (keep). Only PATCH-like endpoints need this; every
 * other body is a {@code @Valid @RequestBody} record.
 */
@Component
public class PatchBodies {

	/** The record read from the body, and the names of the fields the body set to {@code null}. */
	public record Patch<T>(T value, Set<String> nulls) {

		public boolean clears(String field) {
			return nulls.contains(field);
		}

		/** The cleared fields among {@code clearable}. */
		public Set<String> cleared(Set<String> clearable) {
			Set<String> out = new LinkedHashSet<>(nulls);
			out.retainAll(clearable);
			return out;
		}

	}

	private final JsonMapper json;

	private final Validator validator;

	PatchBodies(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	public <T extends Record> Patch<T> read(@Nullable JsonNode body, Class<T> type) {
		Set<String> fields = new LinkedHashSet<>();
		Arrays.stream(type.getRecordComponents()).forEach(c -> fields.add(c.getName()));
		JsonFields f = JsonFields.of(body, fields);
		T value;
		try {
			value = json.treeToValue(body, type);
		}
		catch (JacksonException ex) {
			Map<String, String> errors = ApiJson.errors(ex);
			throw errors.isEmpty() ? InvalidInput.of("body", "invalid.body.unreadable", ex.getOriginalMessage())
					: new InvalidInput(errors);
		}
		Set<ConstraintViolation<T>> violations = validator.validate(value);
		if (!violations.isEmpty()) {
			Map<String, String> errors = new TreeMap<>();
			violations.forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
			throw new InvalidInput(new LinkedHashMap<>(errors));
		}
		Set<String> nulls = new LinkedHashSet<>();
		for (String field : fields) {
			if (f.isNull(field)) {
				nulls.add(field);
			}
		}
		return new Patch<>(value, nulls);
	}

}
