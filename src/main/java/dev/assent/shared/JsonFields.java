package dev.assent.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object field by field with clear errors, and tells an absent field from an
 * explicit {@code null} — what a PATCH needs (a {@code null} clears, absence keeps).
 */
public final class JsonFields {

	private final JsonNode node;

	private JsonFields(JsonNode node) {
		this.node = node;
	}

	/** Wraps a request body, rejecting anything but an object with only the allowed fields. */
	public static JsonFields of(@Nullable JsonNode node, Set<String> allowed) {
		if (node == null || !node.isObject()) {
			throw InvalidInput.of("body", "invalid.must-be-a-json-object");
		}
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				throw InvalidInput.of(name, "invalid.json.unknown-field", String.join(", ", allowed));
			}
		}
		return new JsonFields(node);
	}

	public boolean has(String field) {
		return node.has(field);
	}

	public boolean isNull(String field) {
		return node.has(field) && node.get(field).isNull();
	}

	public @Nullable String text(String field) {
		JsonNode v = value(field);
		if (v == null) {
			return null;
		}
		if (!v.isString()) {
			throw InvalidInput.of(field, "invalid.must-be-a-string");
		}
		return v.asString();
	}

	public @Nullable Boolean bool(String field) {
		JsonNode v = value(field);
		if (v == null) {
			return null;
		}
		if (!v.isBoolean()) {
			throw InvalidInput.of(field, "invalid.must-be-true-or-false");
		}
		return v.asBoolean();
	}

	public @Nullable Integer integer(String field) {
		JsonNode v = value(field);
		if (v == null) {
			return null;
		}
		if (!v.isIntegralNumber() || !v.canConvertToInt()) {
			throw InvalidInput.of(field, "invalid.must-be-a-whole-number");
		}
		return v.asInt();
	}

	public @Nullable UUID uuid(String field) {
		String s = text(field);
		if (s == null) {
			return null;
		}
		try {
			return UUID.fromString(s);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of(field, "invalid.must-be-an-id-uuid");
		}
	}

	public <E extends Enum<E>> @Nullable E enumeration(String field, Class<E> type) {
		String s = text(field);
		return s == null ? null : QueryParams.enumeration(field, s, type);
	}

	public @Nullable List<String> texts(String field) {
		JsonNode v = value(field);
		if (v == null) {
			return null;
		}
		if (!v.isArray()) {
			throw InvalidInput.of(field, "invalid.must-be-an-array-of-strings");
		}
		List<String> out = new ArrayList<>();
		for (JsonNode e : v) {
			if (!e.isString()) {
				throw InvalidInput.of(field, "invalid.must-be-an-array-of-strings");
			}
			out.add(e.asString());
		}
		return out;
	}

	private @Nullable JsonNode value(String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : v;
	}

}
