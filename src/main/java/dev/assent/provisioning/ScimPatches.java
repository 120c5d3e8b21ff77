package dev.assent.provisioning;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchRequest;

/**
 * Reads a SCIM PATCH body (RFC 7644 §3.5.2) as identity providers really send it: Microsoft Entra
 * writes {@code "op": "Replace"} capitalised and, without a path, value objects whose keys are
 * attribute paths ({@code "name.givenName"}); Okta sends lower-case ops and, without a path, a value
 * object of attributes. Each path-less value object is split into one operation per attribute.
 */
final class ScimPatches {

	private ScimPatches() {
	}

	/** The operations with lower-case {@code op} names, path-less objects split per attribute. */
	static List<ObjectNode> operations(ObjectNode body) {
		JsonNode ops = body.get("Operations");
		if (ops == null || !ops.isArray() || ops.isEmpty()) {
			throw ScimProblem.invalidSyntax("A PATCH needs a non-empty 'Operations' array.");
		}
		List<ObjectNode> out = new ArrayList<>();
		for (JsonNode op : ops) {
			if (!op.isObject() || ScimJson.text(op, "op") == null) {
				throw ScimProblem.invalidSyntax("Every operation needs an 'op'.");
			}
			String name = ScimJson.text(op, "op").toLowerCase(Locale.ROOT);
			if (!name.equals("add") && !name.equals("replace") && !name.equals("remove")) {
				throw ScimProblem.invalidSyntax("Unknown op '" + ScimJson.text(op, "op") + "'.");
			}
			String path = ScimJson.text(op, "path");
			JsonNode value = op.get("value");
			if (path == null && value != null && value.isObject() && !name.equals("remove")) {
				Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
				while (fields.hasNext()) {
					Map.Entry<String, JsonNode> field = fields.next();
					if (field.getKey().regionMatches(true, 0, "urn:", 0, 4) && field.getValue().isObject()
							&& !field.getKey().equalsIgnoreCase(ScimJson.USER)) {
						Iterator<Map.Entry<String, JsonNode>> inner = field.getValue().fields();
						while (inner.hasNext()) {
							Map.Entry<String, JsonNode> sub = inner.next();
							out.add(op(name, field.getKey() + ":" + sub.getKey(), sub.getValue()));
						}
					}
					else if (!field.getKey().equalsIgnoreCase("schemas")) {
						out.add(op(name, field.getKey(), field.getValue()));
					}
				}
			}
			else {
				ObjectNode copy = ScimJson.object();
				copy.put("op", name);
				if (path != null) {
					copy.put("path", path);
				}
				if (value != null) {
					copy.set("value", value);
				}
				out.add(copy);
			}
		}
		return out;
	}

	/** The operations as the SDK's {@link PatchRequest}, which applies them to a resource. */
	static PatchRequest parse(ObjectNode body) {
		ObjectNode request = ScimJson.object();
		request.putArray("schemas").add(ScimJson.PATCH_OP);
		ArrayNode ops = request.putArray("Operations");
		operations(body).forEach(ops::add);
		try {
			return ScimJson.MAPPER.treeToValue(request, PatchRequest.class);
		}
		catch (Exception ex) {
			throw ScimProblem.invalidSyntax("The PATCH operations are malformed: " + rootMessage(ex));
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null) {
			t = t.getCause();
		}
		return String.valueOf(t.getMessage());
	}

	private static ObjectNode op(String name, String path, JsonNode value) {
		ObjectNode op = ScimJson.object();
		op.put("op", name);
		op.put("path", path);
		op.set("value", value);
		return op;
	}

}
