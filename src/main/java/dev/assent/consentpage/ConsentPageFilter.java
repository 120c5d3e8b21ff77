package dev.assent.consentpage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.shared.Slugs;

/**
 * The lean path of the busiest request, {@code GET /{company}/{member}} (everyone clicks the link
 * as the meeting starts): a page that exists is written from the cache before the security
 * filter chain and the dispatcher servlet. Everything else — unknown links, moved companies,
 * wrong tokens — falls through to {@link ConsentPageController}, which answers it in full.
 */
class ConsentPageFilter extends OncePerRequestFilter {

	static final Pattern PATH = Pattern.compile("^/([a-z0-9-]{1,48})/([a-z0-9-]{1,48})/?$");

	private final PageCache cache;

	private final PageResponder responder;

	ConsentPageFilter(PageCache cache, PageResponder responder) {
		this.cache = cache;
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
			throws ServletException, IOException {
		if ("GET".equals(req.getMethod())) {
			Matcher m = PATH.matcher(req.getRequestURI());
			if (m.matches() && !Slugs.isReservedForCompany(m.group(1))
					&& cache.lookup(m.group(1), m.group(2)) instanceof Found found && responder.write(found, req, res)) {
				return;
			}
		}
		chain.doFilter(req, res);
	}

}
