package dev.assent.shared;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API and SCIM request bodies over 2 MB (the largest thing sent is an iCalendar file) with
 * {@code 400} and a problem detail of its own type ({@code body-too-large}, so a client can tell it
 * from a malformed body), before anything reads them (ADR 0003). (Bodies sent chunked without a length are cut off by the JSON reader's own
 * limits and answer 400.)
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

	static final long MAX_BYTES = 2 * 1024 * 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestSizeLimitFilter() {
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
					throws ServletException, IOException {
				if (req.getContentLengthLong() > MAX_BYTES) {
					res.setStatus(400);
					res.setContentType("application/problem+json");
					res.getWriter()
						.write("{\"type\":\"" + ProblemTypes.BODY_TOO_LARGE + "\",\"title\":\"Request body too large\","
								+ "\"status\":400,\"detail\":\"Request bodies may be at most 2 MB.\"}");
					return;
				}
				chain.doFilter(req, res);
			}
		});
		registration.addUrlPatterns("/api/*", "/scim/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

}
