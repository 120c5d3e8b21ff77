package dev.assent.reporting.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.assent.reporting.OptOutRate.GroupBy;
import dev.assent.reporting.OptOutRate.Period;
import dev.assent.shared.InvalidInput;

/** The query parameters of the opt-out rate, read the same way by the API and the admin page. */
final class ReportParameters {

	private ReportParameters() {
	}

	static @Nullable LocalDate day(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip().length() > 10 ? value.strip().substring(0, 10) : value.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of(field, "invalid.must-be-a-day-such-as-2026-01");
		}
	}

	static @Nullable GroupBy groupBy(@Nullable String value) {
		return value == null || value.isBlank() ? null : parse("groupBy", GroupBy.class, value, "team, member or provider");
	}

	static @Nullable Period period(@Nullable String value) {
		return value == null || value.isBlank() ? null : parse("period", Period.class, value, "day, week or month");
	}

	private static <E extends Enum<E>> E parse(String field, Class<E> type, String value, String allowed) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of(field, "invalid.report.parameter", allowed);
		}
	}

}
