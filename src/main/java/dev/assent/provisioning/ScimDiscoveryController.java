package dev.assent.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.shared.BaseUrl;

/**
 * What Assent's SCIM service supports (RFC 7644 §4): {@code ServiceProviderConfig},
 * {@code ResourceTypes} and {@code Schemas}, the latter describing exactly the attributes Assent
 * stores, including the extension {@code urn:ietf:params:scim:schemas:extension:assent:2.0:User}.
 */
@RestController
@RequestMapping("/scim/v2")
@Tag(name = "SCIM")
@SecurityRequirement(name = ScimSchemas.TOKEN)
class ScimDiscoveryController {

	private final JsonNode discovery;

	private final BaseUrl baseUrl;

	ScimDiscoveryController(BaseUrl baseUrl) throws IOException {
		this.baseUrl = baseUrl;
		try (InputStream in = new ClassPathResource("scim/discovery.json").getInputStream()) {
			this.discovery = ScimJson.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@GetMapping("/ServiceProviderConfig")
	@Operation(summary = "What the SCIM service supports", description = "PATCH and filter yes (max 200 results), bulk, "
			+ "sort, ETags and password change no; authentication by bearer token.")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Discovery.class)))
	ResponseEntity<String> serviceProviderConfig() {
		ObjectNode config = discovery.get("ServiceProviderConfig").deepCopy();
		config.putObject("meta").put("resourceType", "ServiceProviderConfig")
			.put("location", baseUrl.with("/scim/v2/ServiceProviderConfig"));
		return ScimJson.ok(config);
	}

	@GetMapping("/ResourceTypes")
	@Operation(summary = "The resource types: User (with the Assent extension) and Group")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.ListResponse.class)))
	ResponseEntity<String> resourceTypes() {
		return ScimJson.ok(list(discovery.get("ResourceTypes"), "ResourceTypes", "ResourceType", "name"));
	}

	@GetMapping("/ResourceTypes/{name}")
	@Operation(summary = "One resource type")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Discovery.class)))
	@ApiResponse(responseCode = "404", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> resourceType(@PathVariable String name) {
		return ScimJson.ok(one(discovery.get("ResourceTypes"), "ResourceTypes", "ResourceType", "name", name));
	}

	@GetMapping("/Schemas")
	@Operation(summary = "The schemas: exactly the attributes Assent stores, including consentProfile")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.ListResponse.class)))
	ResponseEntity<String> schemas() {
		return ScimJson.ok(list(discovery.get("Schemas"), "Schemas", "Schema", "id"));
	}

	@GetMapping("/Schemas/{id}")
	@Operation(summary = "One schema, by its URN")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Discovery.class)))
	@ApiResponse(responseCode = "404", content = @Content(mediaType = ScimSchemas.SCIM_JSON, schema = @Schema(implementation = ScimSchemas.Error.class)))
	ResponseEntity<String> schema(@PathVariable String id) {
		return ScimJson.ok(one(discovery.get("Schemas"), "Schemas", "Schema", "id", id));
	}

	private ObjectNode list(JsonNode items, String endpoint, String type, String key) {
		ObjectNode list = ScimJson.object();
		list.putArray("schemas").add(ScimJson.LIST);
		list.put("totalResults", items.size());
		list.put("startIndex", 1);
		list.put("itemsPerPage", items.size());
		ArrayNode resources = list.putArray("Resources");
		items.forEach(item -> resources.add(withMeta(item, endpoint, type, key)));
		return list;
	}

	private ObjectNode one(JsonNode items, String endpoint, String type, String key, String value) {
		for (JsonNode item : items) {
			if (item.get(key).asText().equalsIgnoreCase(value)) {
				return withMeta(item, endpoint, type, key);
			}
		}
		throw ScimProblem.notFound(type + " " + value);
	}

	private ObjectNode withMeta(JsonNode item, String endpoint, String type, String key) {
		ObjectNode copy = item.deepCopy();
		copy.putObject("meta").put("resourceType", type)
			.put("location", baseUrl.with("/scim/v2/" + endpoint + "/" + item.get(key).asText()));
		return copy;
	}

}
