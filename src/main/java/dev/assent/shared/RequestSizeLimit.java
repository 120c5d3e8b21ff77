package dev.assent.shared;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API and SCIM request bodies over 2 MB (the largest thing sent is an iCalendar file) with
 * {@code 400} and a problem detail of its own type ({@code body-too-large}, so a client can tell it
 * from a malformed body), before anything reads them (ADR 0003). (Bodies sent chunked without a length are cut off by the JSON reader's own
 * limits and answer 400.)
 * <p>
 * Bodies on {@code /webhooks/*} and {@code /simulator/*} (read whole, as raw bytes, to check their
 * signature) are capped at {@code assent.webhooks.max-body} (256 KB): a longer declared length is
 * refused with {@code 413} before anything is read, and a body sent without a length stops being
 * read at the cap (the request then fails as unreadable).
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

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> callbackBodyLimitFilter(
			@Value("${assent.webhooks.max-body:256KB}") DataSize maxBody) {
		long max = maxBody.toBytes();
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
					throws ServletException, IOException {
				if (req.getContentLengthLong() > max) {
					res.setStatus(413);
					res.setHeader("Connection", "close");
					res.setContentType("application/problem+json");
					res.getWriter()
						.write("{\"type\":\"" + ProblemTypes.BODY_TOO_LARGE + "\",\"title\":\"Request body too large\","
								+ "\"status\":413,\"detail\":\"Request bodies here may be at most " + max + " bytes.\"}");
					return;
				}
				chain.doFilter(req.getContentLengthLong() < 0 ? new Capped(req, max) : req, res);
			}
		});
		registration.addUrlPatterns("/webhooks/*", "/simulator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	/** A request whose body (sent without a length) cannot be read beyond {@code max} bytes. */
	static final class Capped extends HttpServletRequestWrapper {

		private final long max;

		private @Nullable ServletInputStream in;

		Capped(HttpServletRequest req, long max) {
			super(req);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (in == null) {
				ServletInputStream body = super.getInputStream();
				in = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = body.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buf, int off, int len) throws IOException {
						int n = body.read(buf, off, (int) Math.min(len, max - read + 1));
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						read += n;
						if (read > max) {
							throw new IOException("Request body larger than " + max + " bytes");
						}
					}

					@Override
					public boolean isFinished() {
						return body.isFinished();
					}

					@Override
					public boolean isReady() {
						return body.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						body.setReadListener(listener);
					}

				};
			}
			return in;
		}

	}

}
