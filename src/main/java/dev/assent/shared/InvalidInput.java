package dev.assent.shared;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Input that breaks a rule; {@link #fields()} names the fields at fault and why. Made with
 * {@link #of(String, String, Object...)} it carries a message code of {@code admin-messages.properties}
 * and its arguments instead of English prose (issue 10, like {@link CodedException}'s other kinds):
 * the problem details name the {@code code}, the text is the bundle's English.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends CodedException {

	private final Map<String, String> fields;

	private final @Nullable String field;

	/** The field at fault and why, as a message code with its arguments. */
	public static InvalidInput of(String field, String code, Object... args) {
		return new InvalidInput(field, code, args);
	}

	protected InvalidInput(String field, String code, Object[] args) {
		super(code, plain(args));
		this.field = field;
		this.fields = Map.of(field, String.valueOf(super.getMessage()));
	}

	/**
	 * A field at fault with a sentence in English.
	 * @deprecated prose instead of a message code (issue 10): use {@link #of(String, String, Object...)}
	 */
	@Deprecated
	public InvalidInput(String field, String message) {
		super(field + ": " + message);
		this.field = null;
		this.fields = Map.of(field, message);
	}

	/** Several fields at fault at once (e.g. from Bean Validation), each with why. */
	public InvalidInput(Map<String, String> fields) {
		super(fields.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(java.util.stream.Collectors.joining("; ")));
		this.field = null;
		this.fields = Map.copyOf(fields);
	}

	/** Each field at fault and why, in English (the API's {@code errors}). */
	public Map<String, String> fields() {
		return fields;
	}

	/**
	 * {@link #fields()} in the reader's language: a coded exception's text resolved through
	 * {@code messages} for {@code locale} (the admin UI's request locale), English where the bundle
	 * has no translation; exceptions without a code keep their text.
	 */
	public Map<String, String> fields(org.springframework.context.MessageSource messages, java.util.Locale locale) {
		return field == null || code() == null ? fields : Map.of(field, message(messages, locale));
	}

	/** The field a coded exception is about; null for exceptions about several fields or without a code. */
	public @Nullable String field() {
		return field;
	}

	/** "field: why", as before codes: logs and problem details read it so. */
	@Override
	public String getMessage() {
		return field == null ? super.getMessage() : field + ": " + super.getMessage();
	}

	/**
	 * Numbers as they are written in the code ({@code 1440}, a line number), not grouped as
	 * MessageFormat would ({@code 1,440}): they are limits and positions, not quantities.
	 */
	private static Object[] plain(Object[] args) {
		Object[] out = args.clone();
		for (int i = 0; i < out.length; i++) {
			if (out[i] instanceof Number n) {
				out[i] = n.toString();
			}
		}
		return out;
	}

}
