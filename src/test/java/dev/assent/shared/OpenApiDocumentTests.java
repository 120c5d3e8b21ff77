package dev.assent.shared;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.oas.models.examples.Example;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 / API.md: the served OpenAPI 3.1 document is valid, lists every route of the REST API
 * with the schema of its request body, and answers with real response schemas and examples.
 */
@AssentIntegrationTest
class OpenApiDocumentTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	OpenAPI api;

	/** The served document, fetched once: springdoc builds it on the first request, slowly on a busy machine. */
	static String served;

	@BeforeEach
	void parseTheServedDocument() throws Exception {
		if (served == null) {
			HttpResponse<String> r = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(new Http(port).base() + "/v3/api-docs"))
					.timeout(Duration.ofMinutes(3))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(200);
			served = r.body();
		}
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIParser().readContents(served, null, options);
		assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
		api = result.getOpenAPI();
		assertThat(api).isNotNull();
	}

	@Test
	void isAnOpenApi31DocumentWithTheBearerTokenScheme() {
		assertThat(api.getOpenapi()).startsWith("3.1");
		assertThat(api.getInfo().getTitle()).isEqualTo("Assent API");
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("apiToken");
	}

	@Test
	void listsEveryApiRouteWithItsRequestSchema() {
		List<String> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
			for (String path : e.getKey().getPatternValues()) {
				if (!path.startsWith("/api/") && !path.startsWith("/scim/")) {
					continue; // HTML pages (admin UI, consent page) are not part of the document
				}
				for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
					routes.add(method + " " + path);
					PathItem item = api.getPaths().get(path);
					assertThat(item).as("path %s", path).isNotNull();
					Operation op = operation(item, method);
					assertThat(op).as("%s %s", method, path).isNotNull();
					assertThat(op.getResponses()).as("%s %s responses", method, path).isNotEmpty();
					if (takesABody(e.getValue())) {
						assertThat(op.getRequestBody()).as("%s %s request body", method, path).isNotNull();
						assertThat(op.getRequestBody().getContent()).as("%s %s request content", method, path)
							.isNotEmpty();
						op.getRequestBody().getContent().forEach((type, media) -> assertRealSchema(method + " " + path, type, media));
					}
				}
			}
		}
		assertThat(routes).as("API routes found").hasSizeGreaterThan(40)
			.contains("PATCH /api/v1/members/{id}", "POST /api/v1/webhooks", "POST /api/v1/company/tokens/{kind}",
					"POST /scim/v2/Users", "PATCH /scim/v2/Users/{id}", "PATCH /scim/v2/Groups/{id}",
					"GET /scim/v2/ServiceProviderConfig", "GET /scim/v2/ResourceTypes", "GET /scim/v2/Schemas/{id}");
	}

	// J1 / issue 11: SCIM is in the document with its own token, request schemas, filters and examples
	@Test
	void describesScimWithItsTokenSchemasFiltersAndExamples() {
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("scimToken");
		Operation create = api.getPaths().get("/scim/v2/Users").getPost();
		assertThat(create.getSecurity()).as("SCIM asks for the SCIM token, not the API token")
			.singleElement()
			.satisfies(requirement -> assertThat(requirement).containsOnlyKeys("scimToken"));
		MediaType user = create.getRequestBody().getContent().get("application/scim+json");
		assertThat(user.getSchema().get$ref()).endsWith("/ScimUser");
		assertThat(user.getExamples()).isNotEmpty();
		Schema<?> scimUser = api.getComponents().getSchemas().get("ScimUser");
		assertThat(scimUser.getRequired()).contains("userName");
		assertThat(scimUser.getProperties()).containsKeys("userName", "externalId", "name", "emails", "active",
				"urn:ietf:params:scim:schemas:extension:assent:2.0:User");
		Schema<?> extension = api.getComponents().getSchemas().get("ScimAssentUserExtension");
		assertThat(extension.getProperties()).containsKey("consentProfile");

		MediaType patch = api.getPaths().get("/scim/v2/Users/{id}").getPatch().getRequestBody().getContent()
			.get("application/scim+json");
		assertThat(patch.getSchema().get$ref()).endsWith("/ScimPatchOp");
		assertThat(patch.getExamples()).containsKeys("okta-deactivate", "entra");
		assertThat(api.getComponents().getSchemas().get("ScimPatchOp").getProperties()).containsKey("Operations");
		assertThat(api.getComponents().getSchemas().get("ScimPatchOperation").getProperties()).containsKeys("op", "path",
				"value");
		assertThat(api.getPaths().get("/scim/v2/Groups/{id}").getPatch().getRequestBody().getContent()
			.get("application/scim+json").getSchema().get$ref()).endsWith("/ScimPatchOp");
		assertThat(api.getPaths().get("/scim/v2/Groups").getPost().getRequestBody().getContent()
			.get("application/scim+json").getSchema().get$ref()).endsWith("/ScimGroup");

		Operation list = api.getPaths().get("/scim/v2/Users").getGet();
		assertThat(list.getParameters()).extracting(p -> p.getName()).contains("filter", "startIndex", "count");
		assertThat(list.getResponses().get("400").getContent().get("application/scim+json").getSchema().get$ref())
			.endsWith("/ScimError");
		assertThat(list.getResponses().get("200").getContent().get("application/scim+json").getSchema().get$ref())
			.endsWith("/ScimListResponse");
		assertThat(api.getPaths()).containsKeys("/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes",
				"/scim/v2/ResourceTypes/{name}", "/scim/v2/Schemas", "/scim/v2/Schemas/{id}");
		// the REST API keeps the API token
		assertThat(api.getPaths().get("/api/v1/members").getGet().getSecurity()).isNull();
	}

	@Test
	void requestRecordsCarryTheirConstraintsAndExamples() {
		Schema<?> create = api.getComponents().getSchemas().get("CreateMember");
		assertThat(create.getRequired()).containsExactlyInAnyOrder("name", "email");
		assertThat(create.getProperties().get("name").getMaxLength()).isEqualTo(200);
		assertThat(create.getProperties().get("email").getExample()).isEqualTo("dana@acme.example");
		Schema<?> patch = api.getComponents().getSchemas().get("MemberPatch");
		assertThat(patch.getProperties()).containsKeys("name", "consentProfileId", "active");
		assertThat(api.getComponents().getSchemas()).containsKeys("ScheduleMeeting", "CreateProfile", "ProfilePatch",
				"TeamPatch", "SettingsUpdate", "CreateSubscription");
	}

	@Test
	void connectingAProviderTakesThatProvidersRecord() { // issue 11
		Schema<?> connect = api.getComponents().getSchemas().get("ConnectIntegration");
		assertThat(connect.getOneOf().stream().map(one -> one.get$ref().substring(one.get$ref().lastIndexOf('/') + 1)).toList())
			.containsExactlyInAnyOrder("ZoomConnect", "TeamsConnect", "WebexConnect", "GoogleMeetConnect", "GoToMeetingConnect");
		Schema<?> zoom = api.getComponents().getSchemas().get("ZoomConnect");
		assertThat(zoom.getRequired()).containsExactlyInAnyOrder("accountId", "clientId", "clientSecret");
		Schema<?> secret = zoom.getProperties().get("clientSecret");
		assertThat(secret.getMaxLength()).isEqualTo(4096);
		Schema<?> teams = api.getComponents().getSchemas().get("TeamsConnect");
		Schema<?> clientState = teams.getProperties().get("webhookClientState");
		assertThat(clientState.getMaxLength()).isEqualTo(128);
	}

	@Test
	void answersHaveResponseSchemas() {
		Operation list = api.getPaths().get("/api/v1/members").getGet();
		MediaType json = list.getResponses().get("200").getContent().values().iterator().next();
		assertThat(json.getSchema().get$ref()).endsWith("/MemberList");
		Schema<?> member = api.getComponents().getSchemas().get("MemberResource");
		assertThat(member.getProperties()).containsKeys("id", "email", "consentProfile", "consentLink");
	}

	// issue 11: what the mailbox, the decision log and the recorder page do is in the API, with examples
	@Test
	void describesTheMailboxDecisionLogAndRecorderWithExamples() {
		Operation announce = api.getPaths().get("/api/v1/announcements").getPost();
		assertThat(announce.getResponses()).containsKey("202");
		assertThat(examples(announce, "202")).isNotEmpty();
		assertThat(api.getPaths()).containsKeys("/api/v1/announcements/{id}", "/api/v1/announcements/latest",
				"/api/v1/emails", "/api/v1/emails/{id}", "/api/v1/recorder", "/api/v1/recorder/commands",
				"/api/v1/recorder/bots");
		for (String path : List.of("/api/v1/emails", "/api/v1/consent-decisions", "/api/v1/recorder/commands")) {
			Operation list = api.getPaths().get(path).getGet();
			assertThat(list.getParameters()).as(path).extracting(p -> p.getName()).contains("cursor", "size");
		}
		assertThat(api.getPaths().get("/api/v1/emails").getGet().getParameters()).extracting(p -> p.getName())
			.contains("status", "reason", "run");
		assertThat(api.getPaths().get("/api/v1/consent-decisions").getGet().getParameters()).extracting(p -> p.getName())
			.contains("member", "call");
		assertThat(examples(api.getPaths().get("/api/v1/consent-decisions").getGet(), "200")).isNotEmpty();
		assertThat(examples(api.getPaths().get("/api/v1/recorder/commands").getGet(), "200")).isNotEmpty();
		assertThat(examples(api.getPaths().get("/api/v1/emails/{id}").getGet(), "200")).isNotEmpty();
		assertThat(api.getComponents().getSchemas().get("EmailList").getProperties()).containsKeys("items", "nextCursor",
				"captured");
		assertThat(api.getComponents().getSchemas().get("CommandResource").getProperties()).containsKeys("status",
				"attempts", "lastError");
	}

	private static Map<String, Example> examples(Operation op, String status) {
		return op.getResponses().get(status).getContent().values().iterator().next().getExamples();
	}

	private static boolean takesABody(HandlerMethod method) {
		return Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))
				|| method.hasMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class)
						&& method.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class).requestBody().content().length > 0;
	}

	/** A JSON body is a named record schema with properties, never a bare object (JsonNode, Map). */
	private void assertRealSchema(String route, String type, MediaType media) {
		assertThat(media.getSchema()).as("%s %s schema", route, type).isNotNull();
		if (!type.contains("json")) {
			return; // images, iCalendar files: their own media types
		}
		String ref = media.getSchema().get$ref();
		assertThat(ref).as("%s: a named request schema", route).isNotNull();
		assertRecord(route, ref);
	}

	/** A named record schema with properties, or one of several such records (a body that depends on the path). */
	private void assertRecord(String route, String ref) {
		assertThat(ref.substring(ref.lastIndexOf('/') + 1)).as("%s: a request record, not a JSON tree or map", route)
			.isNotIn("JsonNode", "ObjectNode")
			.doesNotStartWith("Map");
		Schema<?> schema = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
		if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
			schema.getOneOf().forEach(one -> {
				assertThat(one.get$ref()).as("%s: %s is one of named records", route, ref).isNotNull();
				assertRecord(route, one.get$ref());
			});
			return;
		}
		assertThat(schema.getProperties()).as("%s: %s has properties", route, ref).isNotEmpty();
	}

	private static Operation operation(PathItem item, RequestMethod method) {
		return switch (method) {
			case GET -> item.getGet();
			case POST -> item.getPost();
			case PUT -> item.getPut();
			case PATCH -> item.getPatch();
			case DELETE -> item.getDelete();
			case HEAD -> item.getHead();
			case OPTIONS -> item.getOptions();
			case TRACE -> item.getTrace();
		};
	}

}
