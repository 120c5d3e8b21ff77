package dev.assent.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/** Every failure under {@code /scim/v2} in SCIM's error format (RFC 7644 §3.12), not as problem details. */
@RestControllerAdvice(assignableTypes = { ScimController.class, ScimDiscoveryController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrors {

	private static final Logger log = LoggerFactory.getLogger(ScimErrors.class);

	@ExceptionHandler(ScimProblem.class)
	ResponseEntity<String> scim(ScimProblem ex) {
		return ScimJson.error(ex.status(), ex.scimType(), ex.getMessage());
	}

	@ExceptionHandler(InvalidInput.class)
	ResponseEntity<String> invalid(InvalidInput ex) {
		return ScimJson.error(400, "invalidValue", ex.getMessage());
	}

	@ExceptionHandler(Conflict.class)
	ResponseEntity<String> conflict(Conflict ex) {
		return ScimJson.error(409, "uniqueness", ex.getMessage());
	}

	@ExceptionHandler(NotFound.class)
	ResponseEntity<String> notFound(NotFound ex) {
		return ScimJson.error(404, "", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<String> other(Exception ex) {
		if (ex instanceof ErrorResponse spring) {
			int status = spring.getStatusCode().value();
			return ScimJson.error(status, status == 400 ? "invalidSyntax" : "", spring.getBody().getDetail() == null
					? "The request cannot be served." : spring.getBody().getDetail());
		}
		if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			return ScimJson.error(400, "invalidSyntax", "The request body cannot be read.");
		}
		log.error("SCIM request failed", ex);
		return ScimJson.error(500, "", "Something went wrong on our side.");
	}

}
