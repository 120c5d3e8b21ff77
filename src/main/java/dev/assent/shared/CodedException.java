package dev.assent.shared;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * An exception that carries a message code of {@code admin-messages.properties} and its arguments
 * instead of English prose (issue 10): the admin UI and the API's problem details resolve the code
 * through the {@link org.springframework.context.MessageSource}. {@link #getMessage()} is the English
 * text of the same bundle, for logs and for callers that only want a sentence. Exceptions created
 * with a plain message (no code) keep that message.
 */
public abstract class CodedException extends RuntimeException {

	private static final String BUNDLE = "admin-messages";

	private final @Nullable String code;

	private final Object[] args;

	protected CodedException(String message) {
		super(message);
		this.code = null;
		this.args = new Object[0];
	}

	protected CodedException(String code, Object[] args) {
		super(english(code, args));
		this.code = code;
		this.args = args.clone();
	}

	/** The message code, or null when the exception was made with a plain message. */
	public @Nullable String code() {
		return code;
	}

	public Object[] args() {
		return args.clone();
	}

	/** The text in the caller's language through {@code messages}; the plain message without a code. */
	public String message(org.springframework.context.MessageSource messages, Locale locale) {
		return code == null ? String.valueOf(getMessage()) : messages.getMessage(code, args, getMessage(), locale);
	}

	/**
	 * The English text of {@code code}. An argument that is itself a {@link MessageSourceResolvable}
	 * (a part of the sentence with a code of its own) is resolved first, as the
	 * {@link org.springframework.context.MessageSource} does it in any language.
	 */
	static String english(String code, Object[] args) {
		try {
			String pattern = ResourceBundle.getBundle(BUNDLE, Locale.ROOT).getString(code);
			Object[] resolved = args.clone();
			for (int i = 0; i < resolved.length; i++) {
				if (resolved[i] instanceof MessageSourceResolvable part && part.getCodes() != null
						&& part.getCodes().length > 0) {
					Object[] partArgs = part.getArguments();
					resolved[i] = english(part.getCodes()[0], partArgs == null ? new Object[0] : partArgs);
				}
			}
			return resolved.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(resolved);
		}
		catch (MissingResourceException ex) {
			return code;
		}
	}

}
