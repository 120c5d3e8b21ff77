package dev.assent.integrations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.assent.calls.spi.MeetingProvider;

/**
 * How a provider adapter (a nested module of integrations) is connected: the credentials it takes
 * and how it checks them with the provider. Adapters implement this and calls'
 * {@link MeetingProvider}; {@link IntegrationManagement} keeps the credentials, encrypted.
 */
public interface ProviderConnector extends MeetingProvider {

	/** The fields connecting takes, e.g. {@code accountId, clientId, clientSecret}. */
	List<String> fields();

	/** Those of {@link #fields()} that may be left out. */
	default Set<String> optionalFields() {
		return Set.of();
	}

	/** Those of {@link #fields()} that are secrets: stored encrypted, never shown again. */
	Set<String> secretFields();

	/**
	 * Checks the credentials with the provider (e.g. fetches a token) before they are stored.
	 * @return what identifies the account, shown to admins (never a secret)
	 * @throws dev.assent.shared.InvalidInput when the provider refuses them
	 * @throws dev.assent.calls.spi.ProviderUnavailable when the provider cannot be reached
	 */
	String verify(UUID companyId, Map<String, String> credentials);

	/**
	 * The deployment's OAuth app for connecting by a tech admin's grant ("Connect with …"),
	 * when this provider offers one and it is configured; see {@link UserGrants}.
	 */
	default Optional<UserGrantApp> userGrantApp() {
		return Optional.empty();
	}

	/**
	 * Checks a freshly granted access token with the provider (e.g. reads the signed-in user).
	 * @return what identifies the account, shown to admins (never a secret)
	 * @throws dev.assent.shared.InvalidInput when the provider refuses the token
	 * @throws dev.assent.calls.spi.ProviderUnavailable when the provider cannot be reached
	 */
	default String verifyGrant(UUID companyId, String accessToken) {
		return provider().displayName();
	}

	/**
	 * {@link #verifyGrant(UUID, String)} for providers whose token answer carries more than the
	 * tokens (GoTo names the organizer in {@code principal}).
	 * @param tokenResponse the token endpoint's other parameters
	 */
	default String verifyGrant(UUID companyId, String accessToken, Map<String, Object> tokenResponse) {
		return verifyGrant(companyId, accessToken);
	}

	/**
	 * Sets up at the provider the webhooks Assent wants for the company (e.g. Webex's), just after
	 * connecting and again while that fails ({@link WebhookSetup}).
	 * @return whether Assent keeps webhooks there; {@code false} when there is nothing to set up
	 * (the provider has none, or the admin registered their own)
	 * @throws dev.assent.calls.spi.ProviderUnavailable when the provider refuses or cannot be reached
	 */
	default boolean registerWebhooks(UUID companyId) {
		return false;
	}

	/**
	 * Undoes at the provider what connecting set up there (e.g. webhooks Assent registered), just
	 * before a tech admin's disconnect forgets the credentials. Failures are logged, never block
	 * the disconnect.
	 */
	default void beforeDisconnect(UUID companyId, Map<String, String> credentials) {
	}

}
