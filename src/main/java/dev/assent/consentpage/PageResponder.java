package dev.assent.consentpage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.shared.Tokens;

/** Writes a consent page to a response: cached bytes plus this request's CSRF token and view key. */
@Component
class PageResponder {

	private static final int COOKIE_MAX_AGE = 365 * 24 * 3600;

	private final PageCache cache;

	private final ParticipantTokens tokens;

	private final Clock clock;

	PageResponder(PageCache cache, ParticipantTokens tokens, Clock clock) {
		this.cache = cache;
		this.tokens = tokens;
		this.clock = clock;
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
			body = page.bytes(tokens.csrf(participant, view.companyId(), view.memberId()), Tokens.unique(16));
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
