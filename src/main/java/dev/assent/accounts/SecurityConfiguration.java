package dev.assent.accounts;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.assent.shared.ProblemTypes;

/**
 * Three doors: the REST API (bearer tokens, stateless), the admin UI (form login, session, CSRF,
 * strict CSP) and everything public (consent pages, health, API docs), which carries its own
 * CSRF protection where it accepts a POST.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	static final String ADMIN_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new Passwords();
	}

	/** SCIM 2.0 (PRODUCT J1): the company's SCIM token only; errors in SCIM's own format (RFC 7644 §3.12). */
	@Bean
	@Order(0)
	SecurityFilterChain scimChain(HttpSecurity http, CompanyManagement companies) throws Exception {
		http.securityMatcher("/scim/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.disable())
			.addFilterBefore(new ScimTokens(companies), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().hasRole("SCIM"))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> scimError(res, HttpStatus.UNAUTHORIZED,
						"Send Authorization: Bearer <SCIM token>."))
				.accessDeniedHandler((req, res, ex) -> scimError(res, HttpStatus.FORBIDDEN, "This token may not do that.")));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, CompanyManagement companies, OperatorToken operator) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.disable())
			.addFilterBefore(new BearerTokens(companies, operator), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/api/v1/companies")
				.hasRole("OPERATOR")
				.requestMatchers("/api/**")
				.hasRole("API"))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> problem(res, HttpStatus.UNAUTHORIZED,
						ProblemTypes.UNAUTHORIZED.toString(), "Send Authorization: Bearer <API token>."))
				.accessDeniedHandler((req, res, ex) -> problem(res, HttpStatus.FORBIDDEN,
						ProblemTypes.FORBIDDEN.toString(), "This token may not do that.")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminChain(HttpSecurity http, SignInLimits limits, Members members,
			org.springframework.beans.factory.ObjectProvider<AdminSecurity> additions) throws Exception {
		http.securityMatcher("/admin/**", "/login", "/logout")
			.addFilterBefore(new SignInGate(limits), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new SessionCheck(members), AuthorizationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/login")
				.permitAll()
				// A call page is for tech admins and for the call's owner (its controller checks the owner).
				.requestMatchers("/admin/me", "/admin/me/**", "/admin/calls/*")
				.authenticated()
				.requestMatchers("/admin/**")
				.hasRole(Role.TECH_ADMIN.name()))
			.formLogin(f -> f.loginPage("/login")
				.successHandler(signedIn(limits))
				.failureHandler((req, res, ex) -> {
					limits.failed(req.getParameter("username"), req.getRemoteAddr());
					res.sendRedirect(req.getContextPath() + "/login?error");
				})
				.permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(ADMIN_CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		for (AdminSecurity addition : additions.orderedStream().toList()) {
			addition.customize(http);
		}
		return http.build();
	}

	@Bean
	@Order(10)
	SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/**")
			// The consent page protects its POST with a signed double-submit token of its own
			// (see the consentpage module) so that viewing it needs no server-side session.
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.disable())
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(ADMIN_CSP)));
		return http.build();
	}

	/** Tech admins land on the admin home, other members on My profile, unless a saved page was asked for. */
	private static org.springframework.security.web.authentication.AuthenticationSuccessHandler signedIn(
			SignInLimits limits) {
		var saved = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
		return (req, res, auth) -> {
			limits.succeeded(req.getParameter("username"));
			boolean admin = auth.getPrincipal() instanceof Tenant t && t.isTechAdmin();
			saved.setDefaultTargetUrl(admin ? "/admin" : "/admin/me");
			saved.onAuthenticationSuccess(req, res, auth);
		};
	}

	static void problem(HttpServletResponse res, HttpStatus status, String type, String detail) throws IOException {
		res.setStatus(status.value());
		res.setContentType("application/problem+json");
		res.getWriter()
			.write("{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}

	static void scimError(HttpServletResponse res, HttpStatus status, String detail) throws IOException {
		res.setStatus(status.value());
		res.setContentType("application/scim+json");
		res.getWriter()
			.write("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status.value()
					+ "\",\"detail\":\"" + detail + "\"}");
	}

	/**
	 * Refuses a sign-in while its account or address has used up its failed attempts, before the
	 * password is checked (a bcrypt hash per try would let anyone keep both cores busy).
	 */
	static final class SignInGate extends OncePerRequestFilter {

		private final SignInLimits limits;

		SignInGate(SignInLimits limits) {
			this.limits = limits;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest req) {
			return !("POST".equals(req.getMethod()) && "/login".equals(req.getServletPath()));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
				throws ServletException, IOException {
			String email = req.getParameter("username");
			if (limits.limited(email == null ? "" : email, req.getRemoteAddr())) {
				res.sendRedirect(req.getContextPath() + "/login?limited");
				return;
			}
			chain.doFilter(req, res);
		}

	}

	/**
	 * Ends a session on its next request when its member was deactivated, changed role or got a new
	 * password since signing in. The member is read from the database, so this holds on every node.
	 */
	static final class SessionCheck extends OncePerRequestFilter {

		private final Members members;

		SessionCheck(Members members) {
			this.members = members;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
				throws ServletException, IOException {
			var auth = SecurityContextHolder.getContext().getAuthentication();
			if (auth != null && auth.getPrincipal() instanceof SignedInMember signedIn) {
				var now = members.findLoginById(signedIn.memberId());
				if (now.isEmpty() || !signedIn.stillValid(now.get())) {
					var session = req.getSession(false);
					if (session != null) {
						session.invalidate();
					}
					SecurityContextHolder.clearContext();
					res.sendRedirect(req.getContextPath() + "/login?ended");
					return;
				}
			}
			chain.doFilter(req, res);
		}

	}

	/** Authenticates {@code Authorization: Bearer …} as a company's SCIM client. */
	static final class ScimTokens extends OncePerRequestFilter {

		private final CompanyManagement companies;

		ScimTokens(CompanyManagement companies) {
			this.companies = companies;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
				throws ServletException, IOException {
			String header = req.getHeader("Authorization");
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				var company = companies.companyForScimToken(header.substring(7).strip());
				if (company.isEmpty()) {
					scimError(res, HttpStatus.UNAUTHORIZED, "The bearer token is not a valid SCIM token.");
					return;
				}
				var auth = new UsernamePasswordAuthenticationToken(new ScimClient(company.get()), null,
						List.of(new SimpleGrantedAuthority("ROLE_SCIM")));
				SecurityContextHolder.getContext().setAuthentication(auth);
			}
			chain.doFilter(req, res);
		}

	}

	/** Authenticates {@code Authorization: Bearer …} as the operator or as a company's API client. */
	static final class BearerTokens extends OncePerRequestFilter {

		private final CompanyManagement companies;

		private final OperatorToken operator;

		BearerTokens(CompanyManagement companies, OperatorToken operator) {
			this.companies = companies;
			this.operator = operator;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
				throws ServletException, IOException {
			String header = req.getHeader("Authorization");
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				String token = header.substring(7).strip();
				if (operator.matches(token)) {
					authenticate("operator", "ROLE_OPERATOR");
				}
				else {
					java.util.Optional<java.util.UUID> company;
					try {
						company = companies.companyForApiToken(token);
					}
					catch (org.springframework.dao.DataAccessException
							| org.springframework.transaction.TransactionException ex) {
						// The database is unreachable or busy: the client may try again (not a 500).
						res.setHeader("Retry-After", "5");
						problem(res, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE.toString(),
								"The database is busy or unreachable right now; nothing was changed. Try again in a few seconds.");
						return;
					}
					if (company.isEmpty()) {
						problem(res, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED.toString(),
								"The bearer token is not valid.");
						return;
					}
					authenticate(new ApiClient(company.get()), "ROLE_API");
				}
			}
			chain.doFilter(req, res);
		}

		private static void authenticate(Object principal, String role) {
			var auth = new UsernamePasswordAuthenticationToken(principal, null, List.of(new SimpleGrantedAuthority(role)));
			SecurityContextHolder.getContext().setAuthentication(auth);
		}

	}

}
