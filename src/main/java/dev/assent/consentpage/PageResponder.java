package dev.assent.consentpage;

import java.io.IOException;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.shared.Tokens;

/** Writes a consent page to a response: cached bytes plus this request's CSRF token and view key. */
@Component
class PageResponder {

	private static final int COOKIE_MAX_AGE = 365 * 24 * 3600;

	/** Set when a participant decided: only then does a page view look up their decision (PRODUCT X2). */
	static final String DECIDED_COOKIE = "assent_d";

	private static final byte[] DECISION_MARK = "<!--assent:decision-->".getBytes(StandardCharsets.US_ASCII);

	private final PageCache cache;

	private final ParticipantTokens tokens;

	private final Clock clock;

	private final ConsentManagement consents;

	private final ObjectProvider<Withdrawals> withdrawals;

	private final MessageSource messages;

	private final ShownLog shown;

	PageResponder(PageCache cache, ParticipantTokens tokens, Clock clock, ConsentManagement consents,
			ObjectProvider<Withdrawals> withdrawals, MessageSource messages, ShownLog shown) {
		this.shown = shown;
		this.cache = cache;
		this.tokens = tokens;
		this.clock = clock;
		this.consents = consents;
		this.withdrawals = withdrawals;
		this.messages = messages;
	}

	/** Writes the page and answers true, or answers false when the link's token does not admit the request. */
	boolean write(Found found, HttpServletRequest req, HttpServletResponse res) throws IOException {
		PageView view = found.view();
		if (!view.admits(req.getParameter("t"), Instant.now(clock))) {
			return false;
		}
		Rendered page = cache.rendered(found, PageRenderer.language(view.languages(), req.getHeader("Accept-Language")));
		byte[] body;
		if (page.hasForm()) {
			String participant = participant(req);
			if (participant == null) {
				participant = tokens.newParticipantId();
				res.addHeader("Set-Cookie", ParticipantTokens.COOKIE + "=" + participant + "; Path=/; Max-Age="
						+ COOKIE_MAX_AGE + "; HttpOnly; SameSite=Lax" + (req.isSecure() ? "; Secure" : ""));
			}
			String viewKey = Tokens.unique(16);
			body = page.bytes(tokens.csrf(participant, view.companyId(), view.memberId()), viewKey);
			shown.served(view, page, participant, viewKey, req.getHeader("User-Agent"), req.getRemoteAddr()); // X1
			if (hasCookie(req, DECIDED_COOKIE) && tokens.isParticipantId(participant)) {
				body = withDecision(body, view, participant, page.language());
			}
		}
		else {
			body = page.head();
		}
		res.setStatus(200);
		res.setContentType("text/html;charset=UTF-8");
		headers(res, page.contentSecurityPolicy());
		res.setHeader("Content-Language", page.language());
		res.setHeader("Vary", "Accept-Language, Cookie");
		res.setContentLength(body.length);
		res.getOutputStream().write(body);
		return true;
	}

	/**
	 * The page with the participant's latest decision on it and, while it is a consent, a one-step
	 * "withdraw" (PRODUCT X2). Only returning participants who decided come here.
	 */
	private byte[] withDecision(byte[] body, PageView view, String participant, String language) {
		Optional<Decision> latest = consents.latestOnPage(view.companyId(), view.memberId(), participant);
		int at = indexOf(body, DECISION_MARK);
		if (latest.isEmpty() || at < 0) {
			return body;
		}
		Decision d = latest.get();
		Locale locale = Locale.forLanguageTag(language);
		String when = WithdrawalController.WHEN.format(d.decidedAt());
		StringBuilder html = new StringBuilder("<section class=\"decided message\" aria-labelledby=\"decided-heading\">")
			.append("<h2 id=\"decided-heading\">")
			.append(HtmlUtils.htmlEscape(messages.getMessage("consent.decided.heading", null, locale)))
			.append("</h2><p>");
		if (d.outcome() == Outcome.WITHDRAWN) {
			html.append(HtmlUtils.htmlEscape(messages.getMessage("consent.decided.withdrawn", new Object[] { when }, locale)))
				.append("</p>");
		}
		else {
			String label = messages.getMessage("consent.choice." + d.choice().name(), null, locale);
			html.append(HtmlUtils.htmlEscape(messages.getMessage("consent.decided.summary", new Object[] { label, when }, locale)))
				.append("</p>");
			if (!d.outcome().refuses()) {
				html.append("<form method=\"post\" action=\"")
					.append(HtmlUtils.htmlEscape(withdrawals.getObject().pathFor(d)))
					.append("?from=page\"><button type=\"submit\" class=\"secondary\" name=\"withdraw\" value=\"1\">")
					.append(HtmlUtils.htmlEscape(messages.getMessage("consent.decided.withdraw", null, locale)))
					.append("</button></form>");
			}
		}
		html.append("</section>");
		byte[] block = html.toString().getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[body.length - DECISION_MARK.length + block.length];
		System.arraycopy(body, 0, out, 0, at);
		System.arraycopy(block, 0, out, at, block.length);
		System.arraycopy(body, at + DECISION_MARK.length, out, at + block.length, body.length - at - DECISION_MARK.length);
		return out;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static boolean hasCookie(HttpServletRequest req, String name) {
		Cookie[] cookies = req.getCookies();
		if (cookies != null) {
			for (Cookie c : cookies) {
				if (name.equals(c.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	static void headers(HttpServletResponse res, String csp) {
		res.setHeader("Cache-Control", "no-store");
		res.setHeader("Content-Security-Policy", csp);
		res.setHeader("X-Content-Type-Options", "nosniff");
		res.setHeader("Referrer-Policy", "no-referrer");
		res.setHeader("X-Frame-Options", "DENY");
	}

	static @Nullable String participant(HttpServletRequest req) {
		Cookie[] cookies = req.getCookies();
		if (cookies != null) {
			for (Cookie c : cookies) {
				if (ParticipantTokens.COOKIE.equals(c.getName())) {
					return c.getValue();
				}
			}
		}
		return null;
	}

}
