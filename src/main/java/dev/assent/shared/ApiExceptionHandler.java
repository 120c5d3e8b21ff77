package dev.assent.shared;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
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

	private final org.springframework.context.MessageSource messages;

	ApiExceptionHandler(org.springframework.context.MessageSource messages) {
		this.messages = messages;
	}

	/** The API speaks English: a coded exception's detail from the bundle, with its code beside it. */
	private ProblemDetail coded(ProblemDetail pd, CodedException ex) {
		if (ex.code() != null) {
			pd.setDetail(ex.message(messages, java.util.Locale.ENGLISH));
			pd.setProperty("code", ex.code());
		}
		return pd;
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return coded(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", ex.getMessage()), ex);
	}

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalid(InvalidInput ex) {
		ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input", ex.getMessage());
		pd.setProperty("errors", ex.fields());
		if (ex.code() != null) {
			pd.setProperty("code", ex.code());
		}
		return pd;
	}

	@ExceptionHandler(Conflict.class)
	ProblemDetail conflict(Conflict ex) {
		return coded(problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", ex.getMessage()), ex);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"Parameter '" + ex.getName() + "' has an invalid value.");
	}

	/**
	 * The database could not be reached in time, a statement timed out, or a transaction lost a
	 * deadlock (issue 7: seen under load): nothing was committed, so the client may simply try again —
	 * {@code 503} with {@code Retry-After}, not a fault of ours to investigate.
	 */
	@ExceptionHandler({ TransientDataAccessException.class, DataAccessResourceFailureException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex, HttpServletRequest req) {
		log.warn("{} {} answered 503: {}", req.getMethod(), req.getRequestURI(), ex.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Try again",
					"The database is busy or unreachable right now; nothing was changed. Try again in a few seconds."));
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
