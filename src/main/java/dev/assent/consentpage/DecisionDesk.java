package dev.assent.consentpage;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.profiles.Purpose;
import dev.assent.shared.Languages;

/**
 * Takes a participant's decision from the consent page form: checks the CSRF token, the page-view
 * key and that the choice is still offered, then stores it for the call occurring now (PRODUCT
 * C3, C7, C10). A refusal stores nothing, so asking again for the same request is harmless — the
 * lean filter and the controller both come here.
 */
@Component
class DecisionDesk {

	sealed interface Result permits Decided, Refused {
	}

	/** Stored (or already stored by this page view): send the participant to the meeting. */
	record Decided(String location) implements Result {
	}

	/**
	 * Nothing stored; answer with this status and message (and {@code Retry-After} when
	 * {@code retryAfterSeconds} is positive).
	 */
	record Refused(HttpStatus status, String messageKey, long retryAfterSeconds) implements Result {

		Refused(HttpStatus status, String messageKey) {
			this(status, messageKey, 0);
		}

	}

	/** The request attribute holding the result, so that asking twice for one request decides once. */
	static final String RESULT = DecisionDesk.class.getName() + ".result";

	private static final Logger log = LoggerFactory.getLogger(DecisionDesk.class);

	private final PageCache cache;

	private final DecisionWriter writer;

	private final ParticipantTokens tokens;

	private final DecisionRateLimit limit;

	DecisionDesk(PageCache cache, DecisionWriter writer, ParticipantTokens tokens, DecisionRateLimit limit) {
		this.cache = cache;
		this.writer = writer;
		this.tokens = tokens;
		this.limit = limit;
	}

	/**
	 * Checks the request without touching the database, then stores the decision with its
	 * occurrence, evidence and event ({@link DecisionWriter}); returns once it is durable. When it
	 * cannot be stored now (too many waiting, the database unreachable or slow), nothing is
	 * promised: {@code 503} with {@code Retry-After}; a flood from one participant or address is
	 * refused with {@code 429}. The result is kept on the request: asking again answers the same.
	 */
	Result decide(Found found, HttpServletRequest req) {
		if (req.getAttribute(RESULT) instanceof Result earlier) {
			return earlier;
		}
		Result result = decideOnce(found, req);
		req.setAttribute(RESULT, result);
		return result;
	}

	private Result decideOnce(Found found, HttpServletRequest req) {
		PageView view = found.view();
		String participant = PageResponder.participant(req);
		if (!tokens.isParticipantId(participant)
				|| !tokens.validCsrf(participant, view.companyId(), view.memberId(), req.getParameter("_csrf"))) {
			return new Refused(HttpStatus.FORBIDDEN, "consent.error.expired");
		}
		String viewKey = req.getParameter("view");
		Choice choice = choice(req.getParameter("choice"));
		if (viewKey == null || !ParticipantTokens.isKey(viewKey) || choice == null || view.joinUrl() == null) {
			return new Refused(HttpStatus.BAD_REQUEST, "consent.error.badRequest");
		}
		if (!view.choices().contains(choice)) {
			return new Refused(HttpStatus.CONFLICT, "consent.error.changed");
		}
		EnumSet<Purpose> allowed = EnumSet.noneOf(Purpose.class);
		String[] ticked = req.getParameterValues("purpose");
		for (String name : ticked == null ? new String[0] : ticked) {
			Purpose p = Purpose.parse(name).filter(Purpose::separate).orElse(null);
			if (p == null) {
				return new Refused(HttpStatus.BAD_REQUEST, "consent.error.badRequest");
			}
			if (!view.purposes().contains(p)) {
				// the profile stopped asking for it since the page was shown
				return new Refused(HttpStatus.CONFLICT, "consent.error.changed");
			}
			allowed.add(p);
		}
		// PRODUCT X4: a purpose asked and not ticked is refused (silence is no consent); an opt-out refuses them all
		List<Purpose> refused = view.purposes().stream().filter(p -> choice.outcome().refuses() || !allowed.contains(p)).toList();
		if (!limit.allow(participant, req.getRemoteAddr())) {
			return new Refused(HttpStatus.TOO_MANY_REQUESTS, "consent.error.tooMany", 60);
		}
		String lang = req.getParameter("lang");
		String language = lang != null && view.languages().contains(lang) && Languages.isSupported(lang) ? lang
				: PageRenderer.language(view.languages(), req.getHeader("Accept-Language"));
		Rendered shown = cache.rendered(found, language);
		try {
			writer.write(new ConsentManagement.Taken(view, language, shown.noticeSha256(), choice, participant, viewKey,
					shown.noticeHtml(), refused));
		}
		catch (DecisionWriter.Unavailable ex) {
			log.warn("Decision not stored: {}", ex.getMessage());
			return unavailable(ex.retryAfter().toSeconds());
		}
		catch (DataAccessException | TransactionException | IllegalStateException ex) {
			// The database is unreachable or failing, or Assent is shutting down: not stored.
			log.warn("Decision not stored: {}", ex.toString());
			return unavailable(5);
		}
		return new Decided(view.joinUrl());
	}

	private static Refused unavailable(long retryAfterSeconds) {
		return new Refused(HttpStatus.SERVICE_UNAVAILABLE, "consent.error.unavailable", Math.max(1, retryAfterSeconds));
	}

	private static @Nullable Choice choice(@Nullable String name) {
		if (name == null) {
			return null;
		}
		try {
			return Choice.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
