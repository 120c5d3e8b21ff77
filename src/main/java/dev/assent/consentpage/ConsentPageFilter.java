package dev.assent.consentpage;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.assent.consentpage.PageLinks.Found;
import dev.assent.shared.Slugs;

/**
 * The lean path of the busiest requests, {@code GET /{company}/{member}} and
 * {@code GET /{company}/{member}/{meeting}} (everyone clicks the link
 * as the meeting starts) and the decision {@code POST}: a page that exists is written from the
 * cache, and a valid decision is stored and redirected, before the security filter chain and the
 * dispatcher servlet. Everything else — unknown links, moved companies, wrong tokens, refused
 * decisions (which store nothing) — falls through to {@link ConsentPageController}, which answers
 * it in full.
 */
class ConsentPageFilter extends OncePerRequestFilter {

	/** The longest company or member slug of a page's path. */
	private static final int SLUG = 48;

	/**
	 * The slugs of a page's path — {@code /{company}/{member}} or {@code /{company}/{member}/{meeting}} (a meeting's
	 * own link), each slug of {@code [a-z0-9-]} (1–48), the meeting's of {@code [a-z0-9]} (6–16), one trailing slash
	 * allowed — as {company, member, meeting or null}; null for any other path. By hand, not by a regular expression:
	 * it runs for every page view and decision (issue 7).
	 */
	static String @Nullable [] pagePath(String uri) {
		if (uri.isEmpty() || uri.charAt(0) != '/') {
			return null;
		}
		int end = uri.charAt(uri.length() - 1) == '/' ? uri.length() - 1 : uri.length();
		int companyEnd = run(uri, 1, end, true);
		if (companyEnd == 1 || companyEnd - 1 > SLUG || companyEnd >= end || uri.charAt(companyEnd) != '/') {
			return null;
		}
		int memberEnd = run(uri, companyEnd + 1, end, true);
		int memberLength = memberEnd - companyEnd - 1;
		if (memberLength < 1 || memberLength > SLUG) {
			return null;
		}
		String company = uri.substring(1, companyEnd);
		String member = uri.substring(companyEnd + 1, memberEnd);
		if (memberEnd == end) {
			return new String[] { company, member, null };
		}
		if (uri.charAt(memberEnd) != '/') {
			return null;
		}
		int meetingEnd = run(uri, memberEnd + 1, end, false);
		int meetingLength = meetingEnd - memberEnd - 1;
		if (meetingEnd != end || meetingLength < 6 || meetingLength > 16) {
			return null;
		}
		return new String[] { company, member, uri.substring(memberEnd + 1, meetingEnd) };
	}

	/** Where the run of {@code [a-z0-9]} (and {@code -} when {@code hyphen}) from {@code from} ends, at most at {@code to}. */
	private static int run(String s, int from, int to, boolean hyphen) {
		int i = from;
		while (i < to) {
			char c = s.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (hyphen && c == '-'))) {
				break;
			}
			i++;
		}
		return i;
	}

	private final PageCache cache;

	private final PageResponder responder;

	private final DecisionDesk desk;

	private final Counter views;

	private final Counter decisions;

	ConsentPageFilter(PageCache cache, PageResponder responder, DecisionDesk desk, MeterRegistry meters) {
		this.cache = cache;
		this.responder = responder;
		this.desk = desk;
		// The lean path runs ahead of the request observation, so it counts what it serves itself.
		this.views = Counter.builder("assent.consentpage.views")
			.description("Consent pages served on the lean path")
			.register(meters);
		this.decisions = Counter.builder("assent.consentpage.decisions")
			.description("Decisions taken on the lean path")
			.register(meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
			throws ServletException, IOException {
		String method = req.getMethod();
		if ("GET".equals(method) || ("POST".equals(method) && isForm(req))) {
			String[] path = pagePath(req.getRequestURI());
			try {
				if (path != null && !Slugs.isReservedForCompany(path[0])
						&& cache.lookup(path[0], path[1], path[2]) instanceof Found found
						&& answered(found, req, res)) {
					return;
				}
			}
			catch (DataAccessException | TransactionException ex) {
				// The database is unreachable: the controller answers in full (503, Retry-After, a page that says so).
				res.resetBuffer();
			}
		}
		chain.doFilter(req, res);
	}

	private boolean answered(Found found, HttpServletRequest req, HttpServletResponse res) throws IOException {
		if ("GET".equals(req.getMethod())) {
			boolean written = responder.write(found, req, res);
			if (written) {
				views.increment();
			}
			return written;
		}
		if (desk.decide(found, req) instanceof DecisionDesk.Decided decided) {
			ConsentPageController.redirect(res, decided.location());
			decisions.increment();
			return true;
		}
		return false;
	}

	private static boolean isForm(HttpServletRequest req) {
		String type = req.getContentType();
		return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
	}

}
