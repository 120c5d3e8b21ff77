package dev.assent.shared;

import java.util.Map;
import java.util.UUID;

import org.springframework.beans.PropertyAccessException;
import org.springframework.validation.BindingErrorProcessor;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Helpers for the admin UI's HTML forms: readable messages for values that do not even convert
 * (a word in a number field, a tampered select), and the module APIs' {@link InvalidInput} and
 * {@link Conflict} shown next to the field they are about.
 */
public final class AdminForms {

	/** Use with {@code WebDataBinder#setBindingErrorProcessor} in every admin controller. */
	public static final BindingErrorProcessor FRIENDLY_BINDING_ERRORS = new DefaultBindingErrorProcessor() {

		@Override
		public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
			String field = ex.getPropertyName();
			Class<?> type = field == null ? null : result.getFieldType(field);
			String code = type == Integer.class || type == int.class ? "admin.form.invalid.number"
					: type == UUID.class || (type != null && type.isEnum()) ? "admin.form.invalid.choice"
							: "admin.form.invalid.value";
			String message = CodedException.english(code, new Object[0]);
			// the admin bundle's text first (admin-messages.properties), Spring's usual codes after it
			String[] codes = java.util.stream.Stream.concat(java.util.stream.Stream.of(code),
					java.util.Arrays.stream(result.resolveMessageCodes(ex.getErrorCode(), field == null ? "" : field)))
				.toArray(String[]::new);
			result.addError(new FieldError(result.getObjectName(), field == null ? "" : field, ex.getValue(), true, codes,
					null, message));
		}

	};

	private AdminForms() {
	}

	/**
	 * Shows each field of {@code ex} next to the form field of that name ({@code aliases} maps
	 * the module API's field names to the form's where they differ), and anything else above the
	 * form.
	 */
	public static void reject(BindingResult result, InvalidInput ex, Map<String, String> aliases) {
		String coded = ex.field();
		if (coded != null && ex.code() != null) {
			// Resolved when the page is rendered, through the MessageSource in the request's locale (issue 10):
			// the form's own wording ("<code>.form") first where the API's differs, then the code itself.
			String field = aliases.getOrDefault(coded, coded);
			String[] codes = { ex.code() + ".form", ex.code() };
			String english = formWording(String.valueOf(ex.fields().get(coded)));
			if (result.getFieldType(field) != null) {
				result.addError(new FieldError(result.getObjectName(), field, result.getRawFieldValue(field), false, codes,
						ex.args(), english));
			}
			else {
				result.addError(new ObjectError(result.getObjectName(), codes, ex.args(), english));
			}
			return;
		}
		ex.fields().forEach((field, message) -> reject(result, aliases.getOrDefault(field, field), formWording(message)));
	}

	/** The API's wording (a value or null for off) means nothing in a form, where the field is just left empty. */
	private static String formWording(String message) {
		return message.replaceAll(",? or null\\b.*$", "");
	}

	/** Shows a message next to {@code field} when the form has it, otherwise above the form. */
	public static void reject(BindingResult result, String field, String message) {
		if (result.getFieldType(field) != null) {
			result.rejectValue(field, "invalid", message);
		}
		else {
			result.reject("invalid", message);
		}
	}

	/** Shows a conflict (a taken name, a profile in use) above the form. */
	public static void reject(BindingResult result, Conflict ex) {
		if (ex.code() != null) {
			result.reject(ex.code(), ex.args(), ex.getMessage()); // resolved through the MessageSource
		}
		else {
			result.reject("conflict", ex.getMessage());
		}
	}

	/** Shows a conflict next to {@code field}, in the words of its message code when it has one. */
	public static void reject(BindingResult result, String field, Conflict ex) {
		if (ex.code() != null && result.getFieldType(field) != null) {
			result.rejectValue(field, ex.code(), ex.args(), ex.getMessage());
		}
		else {
			reject(result, field, String.valueOf(ex.getMessage()));
		}
	}

}
