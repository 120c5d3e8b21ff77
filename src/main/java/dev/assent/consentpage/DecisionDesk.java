package dev.assent.consentpage;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.consentpage.PageRenderer.Rendered;

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

	/** Nothing stored; answer with this status and message. */
	record Refused(HttpStatus status, String messageKey) implements Result {
	}

	private final PageCache cache;

	private final DecisionWriter writer;

	private final ParticipantTokens tokens;

	DecisionDesk(PageCache cache, DecisionWriter writer, ParticipantTokens tokens) {
		this.cache = cache;
		this.writer = writer;
		this.tokens = tokens;
	}

	/**
	 * Checks the request without touching the database, then stores the decision with its
	 * occurrence, evidence and event ({@link DecisionWriter}); returns once it is durable.
	 */
	Result decide(Found found, HttpServletRequest req) {
		PageView view = found.view();
		String participant = PageResponder.participant(req);
		if (!tokens.isParticipantId(participant)
				|| !tokens.validCsrf(participant, view.companyId(), view.memberId(), req.getParameter("_csrf"))) {
			return new Refused(HttpStatus.FORBIDDEN, "consent.error.expired");
		}
		String viewKey = req.getParameter("view");
		Choice choice = choice(req.getParameter("choice"));
		if (viewKey == null || !ParticipantTokens.KEY.matcher(viewKey).matches() || choice == null || view.joinUrl() == null) {
			return new Refused(HttpStatus.BAD_REQUEST, "consent.error.badRequest");
		}
		if (!view.choices().contains(choice)) {
			return new Refused(HttpStatus.CONFLICT, "consent.error.changed");
		}
		String lang = req.getParameter("lang");
		String language = lang != null && view.languages().contains(lang) && PageRenderer.AVAILABLE.contains(lang) ? lang
				: PageRenderer.language(view.languages(), req.getHeader("Accept-Language"));
		Rendered shown = cache.rendered(found, language);
		writer.write(new ConsentManagement.Taken(view, language, shown.noticeSha256(), choice, participant, viewKey,
				shown.noticeHtml()));
		return new Decided(view.joinUrl());
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
