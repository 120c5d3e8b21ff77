package dev.assent.integrations.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

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
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "Integrations", description = "Meeting providers with their capabilities and the company's connections (L1–L7, C4)")
class IntegrationApiController {

	private final IntegrationManagement integrations;

	IntegrationApiController(IntegrationManagement integrations) {
		this.integrations = integrations;
	}

	record IntegrationResource(Provider provider, String name, Set<ProviderCapability> capabilities, ConnectionState state,
			@Nullable String account, @Nullable Instant connectedAt, @Nullable Instant disconnectedAt,
			@Nullable String reason, List<String> connectFields, Set<String> secretFields) {

		static IntegrationResource of(Integration i) {
			return new IntegrationResource(i.provider(), i.name(), i.capabilities(), i.state(), i.account(),
					i.connectedAt(), i.disconnectedAt(), i.reason(), i.connectFields(), i.secretFields());
		}

	}

	record IntegrationList(List<IntegrationResource> items, boolean otherLinksAllowed) {
	}

	record OtherLinks(boolean allowed) {
	}

	/** The connect form's fields (each provider names its own in {@code connectFields}; these are Zoom's). */
	@io.swagger.v3.oas.annotations.media.Schema(description = "The provider's connect fields, all strings; Zoom's are these")
	record ConnectFields(
			@io.swagger.v3.oas.annotations.media.Schema(example = "abcDEF123") String accountId,
			@io.swagger.v3.oas.annotations.media.Schema(example = "xYz987") String clientId,
			@io.swagger.v3.oas.annotations.media.Schema(example = "s3cr3t") String clientSecret,
			@io.swagger.v3.oas.annotations.media.Schema(description = "checks Zoom's webhook signatures (optional)") @Nullable String webhookSecretToken) {
	}

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
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ConnectFields.class))))
	IntegrationResource connect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider,
			@RequestBody JsonNode body) {
		if (!body.isObject()) {
			throw InvalidInput.of("body", "invalid.must-be-a-json-object-with-the-provider");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : body.properties()) {
			if (!e.getValue().isString() && !e.getValue().isNull()) {
				throw InvalidInput.of(e.getKey(), "invalid.must-be-a-string");
			}
			fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
		}
		return IntegrationResource.of(integrations.connect(tenant.companyId(), provider(provider), fields));
	}

	@DeleteMapping("/{provider}")
	@Operation(summary = "Disconnect a provider", description = "Forgets its credentials; dynamic links cannot be created until it is connected again (L5).")
	IntegrationResource disconnect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider) {
		return IntegrationResource.of(integrations.disconnect(tenant.companyId(), provider(provider), "an API client"));
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
