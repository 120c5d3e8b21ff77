package dev.assent.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed outbound consent webhooks (J3), Standard Webhooks format")
class WebhookApiController {

	private final WebhookManagement webhooks;

	WebhookApiController(WebhookManagement webhooks) {
		this.webhooks = webhooks;
	}

	record CreateSubscription(
			@Schema(description = "https URL that receives the events", example = "https://crm.example.com/hooks/assent")
			@NotBlank @Size(max = 2000) String url,
			@Schema(description = "events to send", example = "[\"consent.decided\", \"call.skipped\"]")
			@NotEmpty List<@NotBlank String> events) {
	}

	record SubscriptionResource(UUID id, String url, List<String> events, Instant createdAt,
			@Schema(description = "whsec_… signing secret; only in the answer that creates the subscription")
			@Nullable String secret) {

		static SubscriptionResource of(Subscription s, boolean withSecret) {
			return new SubscriptionResource(s.id(), s.url(), s.events(), s.createdAt(), withSecret ? s.secret() : null);
		}

	}

	record SubscriptionList(List<SubscriptionResource> items) {
	}

	record DeliveryList(List<Delivery> items) {
	}

	@GetMapping
	@Operation(summary = "List the company's webhook subscriptions")
	SubscriptionList list(@AuthenticationPrincipal Tenant tenant) {
		return new SubscriptionList(
				webhooks.subscriptions(tenant.companyId()).stream().map(s -> SubscriptionResource.of(s, false)).toList());
	}

	@PostMapping
	@Operation(summary = "Subscribe a URL to events",
			description = "Events: consent.decided, consent.withdrawn, call.skipped, call.recorded. Each POST carries "
					+ "webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body with the "
					+ "secret, Standard Webhooks). The URL must be https and resolve to public addresses only.")
	ResponseEntity<SubscriptionResource> create(@AuthenticationPrincipal Tenant tenant,
			@Valid @RequestBody CreateSubscription body) {
		Subscription s = webhooks.subscribe(tenant.companyId(), body.url(), body.events());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + s.id())).body(SubscriptionResource.of(s, true));
	}

	@GetMapping("/{id}")
	SubscriptionResource get(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return SubscriptionResource.of(webhooks.subscription(tenant.companyId(), id), false);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Remove a subscription (its queued deliveries go with it)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		webhooks.unsubscribe(tenant.companyId(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/deliveries")
	@Operation(summary = "The delivery log of a subscription, newest first",
			description = "status PENDING (retried with backoff), DELIVERED or FAILED (gave up); attempts, last HTTP status and error.")
	DeliveryList deliveries(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@RequestParam(defaultValue = "50") int limit) {
		return new DeliveryList(webhooks.deliveries(tenant.companyId(), id, limit));
	}

}
