package dev.assent.integrations.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderCapability;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.integrations.ConnectionState;
import dev.assent.integrations.Integration;
import dev.assent.integrations.IntegrationManagement;
import dev.assent.integrations.WebhookSetup;
import dev.assent.shared.NotFound;
import dev.assent.shared.PatchBodies;

@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "Integrations", description = "Meeting providers with their capabilities and the company's connections (L1–L7, C4)")
class IntegrationApiController {

	private static final int MAX = 4096;

	private final IntegrationManagement integrations;

	private final PatchBodies bodies;

	IntegrationApiController(IntegrationManagement integrations, PatchBodies bodies) {
		this.integrations = integrations;
		this.bodies = bodies;
	}

	record IntegrationResource(Provider provider, String name, Set<ProviderCapability> capabilities, ConnectionState state,
			@Nullable String account, @Nullable Instant connectedAt, @Nullable Instant disconnectedAt,
			@Nullable String reason, List<String> connectFields, Set<String> secretFields,
			@io.swagger.v3.oas.annotations.media.Schema(description = "whether a tech admin may connect it in the admin UI by "
					+ "signing in at the provider (\"Connect with …\", OAuth authorization code)") boolean userGrant,
			@io.swagger.v3.oas.annotations.media.Schema(description = "the webhooks Assent set up at the provider for "
					+ "this connection (Webex): REGISTERED, or FAILED with the provider's refusal and when Assent tries "
					+ "again; absent when there are none to keep") @Nullable WebhookSetup webhooks) {

		static IntegrationResource of(Integration i) {
			return new IntegrationResource(i.provider(), i.name(), i.capabilities(), i.state(), i.account(),
					i.connectedAt(), i.disconnectedAt(), i.reason(), i.connectFields(), i.secretFields(), i.userGrant(),
					i.webhooks());
		}

	}

	record IntegrationList(List<IntegrationResource> items, boolean otherLinksAllowed) {
	}

	record OtherLinks(boolean allowed) {
	}

	/**
	 * The body of {@code PUT /api/v1/integrations/{provider}}: the record of that provider (its
	 * {@code connectFields}); an unknown field, a missing one or one too long is refused with every
	 * failing field named.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "ConnectIntegration", description = "The provider's connect fields: "
			+ "ZoomConnect, TeamsConnect, WebexConnect, GoogleMeetConnect or GoToMeetingConnect, by the provider in the path",
			oneOf = { ZoomConnect.class, TeamsConnect.class, WebexConnect.class, GoogleMeetConnect.class,
					GoToMeetingConnect.class })
	sealed interface ConnectBody permits ZoomConnect, TeamsConnect, WebexConnect, GoogleMeetConnect, GoToMeetingConnect {

		/** The fields given, by name (the provider's {@code connectFields}); absent ones left out. */
		default Map<String, String> fields() {
			Map<String, String> out = new LinkedHashMap<>();
			for (java.lang.reflect.RecordComponent c : getClass().getRecordComponents()) {
				try {
					Object value = c.getAccessor().invoke(this);
					if (value != null) {
						out.put(c.getName(), value.toString());
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return out;
		}

	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "Zoom: a Server-to-Server OAuth app of the Zoom account")
	record ZoomConnect(
			@io.swagger.v3.oas.annotations.media.Schema(example = "q6gBJVO5TzexKYTb_I2rpg") @NotBlank @Size(max = MAX) String accountId,
			@io.swagger.v3.oas.annotations.media.Schema(example = "xYz987AbC") @NotBlank @Size(max = MAX) String clientId,
			@io.swagger.v3.oas.annotations.media.Schema(example = "s3cr3t") @NotBlank @Size(max = MAX) String clientSecret,
			@io.swagger.v3.oas.annotations.media.Schema(description = "checks Zoom's webhook signatures (optional)")
			@Nullable @Size(max = MAX) String webhookSecretToken) implements ConnectBody {
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "Microsoft Teams: an Entra app registration with "
			+ "OnlineMeetings.ReadWrite.All (application permission)")
	record TeamsConnect(
			@io.swagger.v3.oas.annotations.media.Schema(example = "72f988bf-86f1-41af-91ab-2d7cd011db47") @NotBlank @Size(max = MAX) String tenantId,
			@io.swagger.v3.oas.annotations.media.Schema(example = "6731de76-14a6-49ae-97bc-6eba6914391e") @NotBlank @Size(max = MAX) String clientId,
			@NotBlank @Size(max = MAX) String clientSecret,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Graph change notifications' clientState (optional)")
			@Nullable @Size(max = 128) String webhookClientState) implements ConnectBody {
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "Webex: an integration's clientId, clientSecret and "
			+ "refreshToken, or a bot's or service app's accessToken")
	record WebexConnect(@Nullable @Size(max = MAX) String clientId, @Nullable @Size(max = MAX) String clientSecret,
			@Nullable @Size(max = MAX) String refreshToken, @Nullable @Size(max = MAX) String accessToken,
			@io.swagger.v3.oas.annotations.media.Schema(description = "the secret of webhooks you created yourself; "
					+ "without it Assent registers its own webhooks")
			@Nullable @Size(max = MAX) String webhookSecret) implements ConnectBody {
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "Google Meet: an OAuth client authorised once (scope calendar.events)")
	record GoogleMeetConnect(
			@io.swagger.v3.oas.annotations.media.Schema(example = "1234-abc.apps.googleusercontent.com") @NotBlank @Size(max = MAX) String clientId,
			@NotBlank @Size(max = MAX) String clientSecret, @NotBlank @Size(max = MAX) String refreshToken) implements ConnectBody {
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "GoToMeeting: an OAuth client of the GoTo Developer Center")
	record GoToMeetingConnect(@NotBlank @Size(max = MAX) String clientId, @NotBlank @Size(max = MAX) String clientSecret,
			@NotBlank @Size(max = MAX) String refreshToken) implements ConnectBody {
	}

	/** The body record of each provider that connects with credentials. */
	static final Map<Provider, Class<? extends Record>> BODIES = Map.of(Provider.ZOOM, ZoomConnect.class,
			Provider.MICROSOFT_TEAMS, TeamsConnect.class, Provider.WEBEX, WebexConnect.class, Provider.GOOGLE_MEET,
			GoogleMeetConnect.class, Provider.GOTOMEETING, GoToMeetingConnect.class);

	record OtherLinksChange(@jakarta.validation.constraints.NotNull Boolean allowed) {
	}

	@GetMapping
	@Operation(summary = "Every provider with its capabilities and the company's connection state", description = """
			Capabilities: OPT_OUT (a participant may join unrecorded, C4), PERSONAL_LINK (members' personal links are \
			read from the provider), DYNAMIC_MEETINGS, DIAL_IN, WEBHOOKS. `otherLinksAllowed` says whether members may \
			use links of providers Assent does not know.""")
	IntegrationList list(@AuthenticationPrincipal Tenant tenant) {
		return new IntegrationList(integrations.list(tenant.companyId()).stream().map(IntegrationResource::of).toList(),
				integrations.otherLinksAllowed(tenant.companyId()));
	}

	@GetMapping("/{provider}")
	IntegrationResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider) {
		return IntegrationResource.of(integrations.get(tenant.companyId(), provider(provider)));
	}

	@PutMapping("/{provider}")
	@Operation(summary = "Connect a provider", description = """
			Zoom (Server-to-Server OAuth app): `accountId`, `clientId`, `clientSecret`, optionally `webhookSecretToken`. \
			Microsoft Teams (Entra app registration): `tenantId`, `clientId`, `clientSecret`, optionally \
			`webhookClientState`. Webex: `clientId`, `clientSecret`, `refreshToken` (an integration's grant) or \
			`accessToken` (a bot or service app), optionally `webhookSecret`. `connectFields` and `secretFields` of \
			`GET /api/v1/integrations` list them per provider. \
			The credentials are checked with the provider first (400 when it refuses them), then stored encrypted; \
			secrets are never shown again.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @io.swagger.v3.oas.annotations.media.Content(
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ConnectBody.class))))
	IntegrationResource connect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider,
			@RequestBody JsonNode body) {
		Provider p = provider(provider);
		Class<? extends Record> type = BODIES.get(p);
		if (type == null) {
			throw new NotFound("Integration for " + p.displayName());
		}
		ConnectBody fields = (ConnectBody) bodies.read(body, type).value();
		return IntegrationResource.of(integrations.connect(tenant.companyId(), p, fields.fields()));
	}

	@DeleteMapping("/{provider}")
	@Operation(summary = "Disconnect a provider", description = "Forgets its credentials; dynamic links cannot be created until it is connected again (L5).")
	IntegrationResource disconnect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider) {
		return IntegrationResource.of(integrations.disconnect(tenant.companyId(), provider(provider), "an API client"));
	}

	@PostMapping("/{provider}/webhooks")
	@Operation(summary = "Set up the provider's webhooks again now", description = """
			For a connected provider whose webhooks Assent registers (Webex): tries at once instead of waiting for the \
			next retry; the answer's `webhooks` says whether they are in place or what the provider answered.""")
	IntegrationResource setUpWebhooks(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider) {
		return IntegrationResource.of(integrations.setUpWebhooks(tenant.companyId(), provider(provider)));
	}

	@GetMapping("/other-links")
	OtherLinks otherLinks(@AuthenticationPrincipal Tenant tenant) {
		return new OtherLinks(integrations.otherLinksAllowed(tenant.companyId()));
	}

	@PutMapping("/other-links")
	@Operation(summary = "Allow or forbid links of providers Assent does not know", description = """
			`{"allowed": true}` lets members and meetings use https links of other providers (participants then join with \
			implicit consent, C4). Links on known providers' domains are always accepted.""")
	OtherLinks allowOtherLinks(@AuthenticationPrincipal Tenant tenant, @Valid @RequestBody OtherLinksChange body) {
		integrations.allowOtherLinks(tenant.companyId(), body.allowed());
		return new OtherLinks(integrations.otherLinksAllowed(tenant.companyId()));
	}

	@ExceptionHandler(ProviderUnavailable.class)
	ProblemDetail unavailable(ProviderUnavailable ex) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		pd.setType(java.net.URI.create("https://assent.dev/problems/provider-unavailable"));
		pd.setTitle("Provider unavailable");
		return pd;
	}

	static Provider provider(String name) {
		try {
			return Provider.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("Provider " + name);
		}
	}

}
