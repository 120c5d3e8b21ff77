package dev.assent.accounts;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Another module's addition to the admin UI's security filter chain (form login, session, CSRF,
 * strict CSP, the per-request session check), e.g. the integrations module's OAuth 2.0
 * authorization-code grant under {@code /admin/integrations/oauth2/**}. Beans of this type are
 * applied to that chain before it is built.
 */
@FunctionalInterface
public interface AdminSecurity {

	void customize(HttpSecurity http) throws Exception;

}
