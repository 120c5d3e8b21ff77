package dev.assent.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the JSON API reads request bodies. A request record declared inside a
 * {@link RestController} refuses fields it does not know (a misspelt PATCH field must not pass
 * silently), while everything else the application reads (provider answers, stored events)
 * stays tolerant. {@link #errors(JacksonException)} names the field a body failed on, the way
 * Bean Validation names the fields it refuses.
 */
@Configuration(proxyBeanMethods = false)
public class ApiJson {

	@Bean
	JsonMapperBuilderCustomizer strictApiRequests() {
		return builder -> builder.addHandler(new StrictApiRequests());
	}

	/** {@code true} for the request records of API controllers. */
	static boolean isApiRequest(Class<?> type) {
		Class<?> enclosing = type.getEnclosingClass();
		return type.isRecord() && enclosing != null
				&& AnnotatedElementUtils.hasAnnotation(enclosing, RestController.class);
	}

	/** The fields a request body could not be read into, each with what was wrong, by JSON path. */
	public static Map<String, String> errors(JacksonException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		String path = path(ex);
		if (ex instanceof UnrecognizedPropertyException unknown) {
			List<String> known = new ArrayList<>();
			Collection<Object> ids = unknown.getKnownPropertyIds();
			if (ids != null) {
				ids.forEach(id -> known.add(String.valueOf(id)));
			}
			known.sort(null);
			errors.put(path, "is not a known field (known: " + String.join(", ", known) + ")");
		}
		else if (ex instanceof MismatchedInputException mismatch) {
			errors.put(path.isEmpty() ? "body" : path, expected(mismatch.getTargetType(), ex instanceof InvalidFormatException));
		}
		return errors;
	}

	private static String path(JacksonException ex) {
		StringBuilder out = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!out.isEmpty()) {
					out.append('.');
				}
				out.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				out.append('[').append(ref.getIndex()).append(']');
			}
		}
		return out.toString();
	}

	private static String expected(@Nullable Class<?> type, boolean badFormat) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type.isEnum()) {
			List<String> names = new ArrayList<>();
			for (Object constant : type.getEnumConstants()) {
				names.add(((Enum<?>) constant).name());
			}
			return "must be one of " + String.join(", ", names);
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		if (type == UUID.class) {
			return "must be an id (UUID)";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "must be an array";
		}
		if (type.isRecord() || Map.class.isAssignableFrom(type)) {
			return "must be a JSON object";
		}
		return badFormat ? "has an invalid value" : "has the wrong type";
	}

	static final class StrictApiRequests extends DeserializationProblemHandler {

		@Override
		public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
				Object beanOrClass, String propertyName) throws JacksonException {
			Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
			if (isApiRequest(type)) {
				throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName, deserializer.getKnownPropertyNames());
			}
			return false;
		}

	}

}
