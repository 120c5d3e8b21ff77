package dev.assent.shared;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.util.DisconnectedClientHelper;

/** RFC 9457 problem details for every JSON API controller. */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalid(InvalidInput ex) {
		ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input", ex.getMessage());
		pd.setProperty("errors", ex.fields());
		return pd;
	}

	@ExceptionHandler(Conflict.class)
	ProblemDetail conflict(Conflict ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"Parameter '" + ex.getName() + "' has an invalid value.");
	}

	/**
	 * Anything else a controller throws is a fault of ours: a problem detail that says so (and
	 * nothing about the fault itself), and the fault in the log. What Spring MVC and Spring
	 * Security answer themselves, and clients that went away, pass through.
	 */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex, HttpServletRequest req) throws Exception {
		if (ex instanceof ErrorResponse || ex instanceof AccessDeniedException || ex instanceof AuthenticationException
				|| DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			throw ex;
		}
		log.error("{} {} failed", req.getMethod(), req.getRequestURI(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"The request could not be completed because of a fault on our side; it has been logged. Try again later.");
	}

	static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setType(type);
		pd.setTitle(title);
		return pd;
	}

}
