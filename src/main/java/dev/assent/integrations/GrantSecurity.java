package dev.assent.integrations;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.assent.accounts.AdminSecurity;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Role;
import dev.assent.accounts.Tenant;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * Adds Spring Security's OAuth 2.0 client (authorization-code grant) to the admin UI's chain:
 * {@code GET /admin/integrations/oauth2/authorize/{provider}} sends a signed-in tech admin to the
 * provider with a fresh {@code state} (and PKCE) kept in their session; the provider's redirect to
 * {@code /admin/integrations/oauth2/callback/{provider}} is matched against that session's request
 * (another session's or a forged {@code state} matches nothing), the code is exchanged at the
 * token endpoint and the tokens are stored on the admin's own company ({@link UserGrants}).
 */
@Component
class GrantSecurity implements AdminSecurity {

	private static final Logger log = LoggerFactory.getLogger(GrantSecurity.class);

	private static final String TOKEN_RESPONSE = GrantSecurity.class.getName() + ".tokenResponse";

	private final UserGrants grants;

	private final IntegrationManagement integrations;

	private final MemberManagement members;

	private final Clock clock;

	GrantSecurity(UserGrants grants, IntegrationManagement integrations, MemberManagement members, Clock clock) {
		this.grants = grants;
		this.integrations = integrations;
		this.members = members;
		this.clock = clock;
	}

	@Override
	public void customize(HttpSecurity http) throws Exception {
		ClientRegistrationRepository registrations = id -> grants.registration(id).orElse(null);
		DefaultOAuth2AuthorizationRequestResolver standard = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				UserGrants.AUTHORIZE_PATH);
		standard.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce().andThen(this::providerParameters));
		RestClientAuthorizationCodeTokenResponseClient codeClient = new RestClientAuthorizationCodeTokenResponseClient();
		codeClient.setRestClient(grants.tokenEndpoint());
		// the token answer's other parameters (GoTo's principal), for the Store below in the same request
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> remembering = grant -> {
			OAuth2AccessTokenResponse response = codeClient.getTokenResponse(grant);
			RequestContextHolder.currentRequestAttributes()
				.setAttribute(TOKEN_RESPONSE, response.getAdditionalParameters(), RequestAttributes.SCOPE_REQUEST);
			return response;
		};
		http.oauth2Client(o -> o.clientRegistrationRepository(registrations)
			.authorizedClientRepository(new Store())
			.authorizationCodeGrant(g -> g.authorizationRequestResolver(new OnlyTechAdmins(standard, registrations))
				.accessTokenResponseClient(remembering)));
	}

	/** Adds what the provider wants besides the standard parameters (Google: {@code access_type=offline}, {@code prompt=consent}). */
	private void providerParameters(OAuth2AuthorizationRequest.Builder request) {
		Map<String, Object> attributes = new HashMap<>();
		request.attributes(attributes::putAll);
		if (attributes.get(OAuth2ParameterNames.REGISTRATION_ID) instanceof String registrationId) {
			grants.app(registrationId)
				.map(UserGrantApp::authorizationParameters)
				.filter(extra -> !extra.isEmpty())
				.ifPresent(extra -> request.additionalParameters(p -> p.putAll(extra)));
		}
	}

	/** The signed-in member when they are still an active tech admin (checked in the database). */
	private Optional<Tenant> techAdmin(@Nullable Authentication auth) {
		if (auth == null || !(auth.getPrincipal() instanceof Tenant t) || !t.isTechAdmin() || t.memberId() == null) {
			return Optional.empty();
		}
		try {
			Member m = members.get(t.companyId(), t.memberId());
			return m.active() && m.role() == Role.TECH_ADMIN ? Optional.of(t) : Optional.empty();
		}
		catch (NotFound ex) {
			return Optional.empty();
		}
	}

	/**
	 * Starts a grant only for a signed-in tech admin and a configured provider; anything else goes
	 * on to the admin chain's authorization (sign-in page, 403) or the admin controller's answer.
	 */
	private final class OnlyTechAdmins implements OAuth2AuthorizationRequestResolver {

		private final OAuth2AuthorizationRequestResolver delegate;

		private final ClientRegistrationRepository registrations;

		OnlyTechAdmins(OAuth2AuthorizationRequestResolver delegate, ClientRegistrationRepository registrations) {
			this.delegate = delegate;
			this.registrations = registrations;
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			String path = request.getServletPath();
			String prefix = UserGrants.AUTHORIZE_PATH + "/";
			if (!path.startsWith(prefix)) {
				return null;
			}
			return resolve(request, path.substring(prefix.length()));
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, @Nullable String registrationId) {
			if (registrationId == null || registrationId.contains("/") || registrations.findByRegistrationId(registrationId) == null
					|| techAdmin(SecurityContextHolder.getContext().getAuthentication()).isEmpty()) {
				return null;
			}
			return delegate.resolve(request, registrationId);
		}

	}

	/**
	 * Where the code-grant filter puts the tokens it obtained: on the signed-in tech admin's own
	 * company, encrypted. The outcome is left in the session for the page the admin lands on.
	 */
	private final class Store implements OAuth2AuthorizedClientRepository {

		@Override
		@SuppressWarnings("unchecked")
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			// Only the code-grant filter uses this repository and it only saves; adapters read the
			// tokens through UserGrants.
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
				HttpServletResponse response) {
			ClientRegistration registration = client.getClientRegistration();
			Optional<Provider> provider = grants.provider(registration.getRegistrationId());
			Optional<Tenant> admin = techAdmin(principal);
			var session = request.getSession();
			session.removeAttribute(UserGrants.OUTCOME_CONNECTED);
			session.removeAttribute(UserGrants.OUTCOME_ERROR);
			if (provider.isEmpty() || admin.isEmpty()) {
				session.setAttribute(UserGrants.OUTCOME_ERROR,
						"Only a signed-in tech admin may connect an integration; nothing was connected.");
				return;
			}
			Provider p = provider.get();
			try {
				@SuppressWarnings("unchecked")
				Map<String, Object> tokenResponse = request.getAttribute(TOKEN_RESPONSE) instanceof Map<?, ?> m
						? (Map<String, Object>) m : Map.of();
				integrations.connectGrant(admin.get().companyId(), p,
						UserGrants.stored(client.getAccessToken(), client.getRefreshToken(), Instant.now(clock)), tokenResponse);
				session.setAttribute(UserGrants.OUTCOME_CONNECTED, p.displayName());
			}
			catch (InvalidInput ex) {
				session.setAttribute(UserGrants.OUTCOME_ERROR, p.displayName() + " was not connected: "
						+ String.join("; ", ex.fields().values()));
			}
			catch (ProviderUnavailable ex) {
				log.warn("Granted {} access could not be checked: {}", p, ex.getMessage());
				session.setAttribute(UserGrants.OUTCOME_ERROR, p.displayName() + " was not connected: " + ex.getMessage());
			}
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal, HttpServletRequest request,
				HttpServletResponse response) {
			// disconnecting is IntegrationManagement.disconnect
		}

	}

}
