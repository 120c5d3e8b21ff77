package dev.assent.shared;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Reading the query parameters of API requests with clear 400s. */
public final class QueryParams {

	private QueryParams() {
	}

	/** A constant of {@code type} by name, case-insensitively; {@code null} when absent; 400 naming the constants when unknown. */
	public static <E extends Enum<E>> @Nullable E enumeration(String field, @Nullable String value, Class<E> type) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of(field, "invalid.one-of",
					String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
		}
	}

}
