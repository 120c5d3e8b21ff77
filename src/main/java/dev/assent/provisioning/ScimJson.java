package dev.assent.provisioning;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * SCIM bodies are read and written with the UnboundID SDK's own Jackson 2 mapper (case-insensitive
 * attribute names, as RFC 7643 §2.1 asks), apart from the application's JSON mapper.
 */
final class ScimJson {

	static final MediaType SCIM = MediaType.parseMediaType("application/scim+json;charset=UTF-8");

	static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

	static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

	static final String ASSENT_USER = "urn:ietf:params:scim:schemas:extension:assent:2.0:User";

	static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

	static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

	static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

	static final ObjectMapper MAPPER = JsonUtils.createObjectMapper();

	private ScimJson() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static ObjectNode read(String body) {
		try {
			JsonNode node = MAPPER.readTree(body == null ? "" : body);
			if (node == null || !node.isObject()) {
				throw ScimProblem.invalidSyntax("The body must be a JSON object.");
			}
			return (ObjectNode) node;
		}
		catch (JsonProcessingException ex) {
			throw ScimProblem.invalidSyntax("The body is not valid JSON.");
		}
	}

	static String write(JsonNode node) {
		try {
			return MAPPER.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ResponseEntity<String> ok(JsonNode node) {
		return ResponseEntity.ok().contentType(SCIM).body(write(node));
	}

	static ResponseEntity<String> created(JsonNode node) {
		return ResponseEntity.created(URI.create(node.path("meta").path("location").asText()))
			.contentType(SCIM)
			.body(write(node));
	}

	static ResponseEntity<String> error(int status, String scimType, String detail) {
		ObjectNode body = object();
		body.putArray("schemas").add(ERROR);
		body.put("status", String.valueOf(status));
		if (!scimType.isEmpty()) {
			body.put("scimType", scimType);
		}
		body.put("detail", detail);
		return ResponseEntity.status(status).contentType(SCIM).body(write(body));
	}

	/** A text attribute ({@code null} when absent or JSON null). */
	static String text(JsonNode node, String... path) {
		JsonNode n = node;
		for (String p : path) {
			n = n == null ? null : n.get(p);
		}
		return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
	}

}
