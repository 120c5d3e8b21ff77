package dev.assent.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request body the API cannot take: RFC 9457 problem details whose {@code errors} name each
 * field and why (Bean Validation of the request record, or a field JSON could not be read into).
 * Ordered before Spring Boot's own problem-details handler, which would answer without the
 * fields; after SCIM's, which answers in SCIM's error format.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiBodyExceptionHandler {

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail notValid(MethodArgumentNotValidException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getBindingResult().getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(), e.getDefaultMessage()));
		ex.getBindingResult().getGlobalErrors().forEach(e -> errors.putIfAbsent("body", e.getDefaultMessage()));
		return invalid(errors);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof tools.jackson.core.JacksonException jackson) {
			Map<String, String> errors = ApiJson.errors(jackson);
			if (!errors.isEmpty()) {
				// the body is JSON, but a field of it is not what the endpoint takes: name it
				return invalid(errors);
			}
		}
		return ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body",
				"The request body is not valid JSON for this endpoint.");
	}

	private static ProblemDetail invalid(Map<String, String> errors) {
		ProblemDetail pd = ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT,
				"Invalid input", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
					.collect(Collectors.joining("; ")));
		pd.setProperty("errors", errors);
		return pd;
	}

}
