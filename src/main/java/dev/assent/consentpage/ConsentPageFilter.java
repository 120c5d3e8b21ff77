package dev.assent.consentpage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.assent.consentpage.ConsentPageManagement.Found;
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

	/** {@code /{company}/{member}} and {@code /{company}/{member}/{meeting}} (a meeting's own link). */
	static final Pattern PATH = Pattern.compile("^/([a-z0-9-]{1,48})/([a-z0-9-]{1,48})(?:/([a-z0-9]{6,16}))?/?$");

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
			Matcher m = PATH.matcher(req.getRequestURI());
			try {
				if (m.matches() && !Slugs.isReservedForCompany(m.group(1))
						&& cache.lookup(m.group(1), m.group(2), m.group(3)) instanceof Found found
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
