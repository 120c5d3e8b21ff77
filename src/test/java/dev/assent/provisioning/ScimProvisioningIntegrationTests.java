package dev.assent.provisioning;

import java.util.List;
import java.util.Map;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCIM 2.0 at /scim/v2 as identity providers use it (PRODUCT J1, P2, P3, T1). */
@AssentIntegrationTest
class ScimProvisioningIntegrationTests {

	static final String EXT = "urn:ietf:params:scim:schemas:extension:assent:2.0:User";

	@LocalServerPort
	int port;

	Http http;

	TestCompany company;

	Client jaxrs;

	ScimService scim;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "scim");
		// Apache HttpClient 5 under Jersey: its default connector (HttpURLConnection) cannot send PATCH.
		jaxrs = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider()));
		scim = new ScimService(jaxrs.target(http.base() + "/scim/v2")
			.register((jakarta.ws.rs.client.ClientRequestFilter) ctx -> ctx.getHeaders()
				.putSingle("Authorization", "Bearer " + company.scimToken())));
	}

	@AfterEach
	void tearDown() {
		jaxrs.close();
	}

	// J1, P3: the UnboundID SDK client, as an identity provider, through the whole life of a member
	@Test
	void theScimClientProvisionsReadsFiltersPatchesAndDeactivatesMembersAndGroups() throws Exception {
		company.post(http, "/api/v1/consent-profiles", Map.of("name", "Sales calls"));
		UserResource anna = new UserResource().setUserName("anna@scim.example")
			.setName(new Name().setGivenName("Anna").setFamilyName("Berg"))
			.setEmails(List.of(new Email().setValue("anna@scim.example").setType("work").setPrimary(true)))
			.setActive(true);
		anna.setExternalId("okta-00u1");
		GenericScimResource withProfile = anna.asGenericScimResource();
		withProfile.getObjectNode().putObject(EXT).put("consentProfile", "Sales calls");
		withProfile.getObjectNode().withArray("schemas").add(EXT);

		GenericScimResource created = scim.create("Users", withProfile);
		String id = created.getId();
		assertThat(created.getObjectNode().path(EXT).path("consentProfile").asText()).isEqualTo("Sales calls");

		JsonNode member = company.get(http, "/api/v1/members/" + id);
		assertThat(member.get("name").asString()).isEqualTo("Anna Berg");
		assertThat(member.get("email").asString()).isEqualTo("anna@scim.example");
		assertThat(member.get("consentProfile").get("name").asString()).isEqualTo("Sales calls");
		assertThat(member.get("consentProfile").get("source").asString()).isEqualTo("MEMBER");

		UserResource read = scim.retrieve("Users", id, UserResource.class);
		assertThat(read.getUserName()).isEqualTo("anna@scim.example");
		assertThat(read.getExternalId()).isEqualTo("okta-00u1");

		ListResponse<UserResource> found = scim.searchRequest("Users")
			.filter("userName eq \"anna@scim.example\"")
			.invoke(UserResource.class);
		assertThat(found.getTotalResults()).isEqualTo(1);
		assertThat(found.getResources().get(0).getId()).isEqualTo(id);
		assertThat(scim.searchRequest("Users").filter("externalId eq \"okta-00u1\" and active eq true")
			.invoke(UserResource.class).getTotalResults()).isEqualTo(1);
		assertThat(scim.searchRequest("Users").filter("userName eq \"nobody@scim.example\"")
			.invoke(UserResource.class).getTotalResults()).isZero();

		GroupResource team = scim.create("Groups", new GroupResource().setDisplayName("Closers")
			.setMembers(List.of(new Member().setValue(id))));
		assertThat(company.get(http, "/api/v1/members/" + id).get("team").asString()).isEqualTo("Closers");
		assertThat(scim.searchRequest("Groups").filter("displayName eq \"Closers\"").invoke(GroupResource.class)
			.getTotalResults()).isEqualTo(1);

		scim.modifyRequest("Users", id).replaceValue("name.familyName", "Lind").invoke(UserResource.class);
		assertThat(company.get(http, "/api/v1/members/" + id).get("name").asString()).isEqualTo("Anna Lind");

		UserResource deactivated = scim.modifyRequest("Users", id).replaceValue("active", false).invoke(UserResource.class);
		assertThat(deactivated.getActive()).isFalse();
		assertThat(company.get(http, "/api/v1/members/" + id).get("active").asBoolean()).isFalse();

		scim.modifyRequest("Groups", team.getId()).removeValues("members[value eq \"" + id + "\"]")
			.invoke(GroupResource.class);
		assertThat(company.get(http, "/api/v1/members/" + id).has("team")).isFalse();

		scim.delete("Groups", team.getId());
		assertThatThrownBy(() -> scim.retrieve("Groups", team.getId(), GroupResource.class))
			.isInstanceOf(ScimException.class);
	}

	// P2: without a consentProfile the company's default applies; an unknown one is refused
	@Test
	void aProvisionedMemberWithoutAProfileGetsTheDefaultAndAnUnknownProfileIsRefused() {
		Http.Response created = scimJson("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bo@scim.example",
				 "name":{"givenName":"Bo","familyName":"Ek"},"active":true}""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.header("Location")).isEqualTo(http.base() + "/scim/v2/Users/" + id);
		JsonNode member = company.get(http, "/api/v1/members/" + id);
		assertThat(member.get("consentProfile").get("source").asString()).isEqualTo("DEFAULT");

		Http.Response unknown = scimJson("POST", "/scim/v2/Users", """
				{"userName":"cy@scim.example","urn:ietf:params:scim:schemas:extension:assent:2.0:User":{"consentProfile":"Nope"}}""");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("scimType").asString()).isEqualTo("invalidValue");
		assertThat(unknown.json().get("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");

		Http.Response duplicate = scimJson("POST", "/scim/v2/Users", """
				{"userName":"BO@scim.example"}""");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("scimType").asString()).isEqualTo("uniqueness");
	}

	// J1: requests exactly as Okta's SCIM 2.0 guide shows them
	@Test
	void acceptsOktaShapedRequests() {
		Http.Response lookup = http.get("/scim/v2/Users?filter=" + enc("userName eq \"dana@scim.example\"")
				+ "&startIndex=1&count=100", company.scimToken());
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(lookup.json().get("totalResults").asInt()).isZero();

		Http.Response created = scimJson("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dana@scim.example",
				 "name":{"givenName":"Dana","familyName":"Park"},
				 "emails":[{"primary":true,"value":"dana@scim.example","type":"work"}],
				 "displayName":"Dana Park","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
				 "groups":[],"password":"1mz050nq","active":true}""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();

		Http.Response deactivate = scimJson("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","value":{"active":false}}]}""");
		assertThat(deactivate.status()).isEqualTo(200);
		assertThat(deactivate.json().get("active").asBoolean()).isFalse();

		Http.Response group = scimJson("POST", "/scim/v2/Groups", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}""");
		assertThat(group.status()).isEqualTo(201);
		String groupId = group.json().get("id").asString();
		Http.Response rename = scimJson("PATCH", "/scim/v2/Groups/" + groupId, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","value":{"id":"%s","displayName":"Test SCIMv2 renamed"}}]}""".formatted(groupId));
		assertThat(rename.status()).isEqualTo(200);
		Http.Response add = scimJson("PATCH", "/scim/v2/Groups/" + groupId, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"add","path":"members","value":[{"value":"%s","display":"dana@scim.example"}]}]}""".formatted(id));
		assertThat(add.status()).isEqualTo(200);
		assertThat(company.get(http, "/api/v1/members/" + id).get("team").asString()).isEqualTo("Test SCIMv2 renamed");
		Http.Response remove = scimJson("PATCH", "/scim/v2/Groups/" + groupId, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id));
		assertThat(remove.status()).isEqualTo(200);
		assertThat(company.get(http, "/api/v1/members/" + id).has("team")).isFalse();
	}

	// J1: requests exactly as Microsoft Entra's SCIM validator sends them (capitalised ops, text booleans)
	@Test
	void acceptsEntraShapedRequests() {
		company.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict"));
		Http.Response created = scimJson("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
				            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
				 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_ab6490ee@scim.example",
				 "active":true,"emails":[{"primary":true,"type":"work","value":"Test_User_fd0ea19b@scim.example"}],
				 "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
				 "roles":[]}""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("userName").asString()).isEqualTo("Test_User_fd0ea19b@scim.example");

		Http.Response byExternalId = http.get("/scim/v2/Users?filter=" + enc("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""),
				company.scimToken());
		assertThat(byExternalId.json().get("totalResults").asInt()).isEqualTo(1);

		Http.Response patched = scimJson("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updated@scim.example"},
				 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
				 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:assent:2.0:User:consentProfile","value":"Strict"}]}""");
		assertThat(patched.status()).isEqualTo(200);
		JsonNode member = company.get(http, "/api/v1/members/" + id);
		assertThat(member.get("email").asString()).isEqualTo("updated@scim.example");
		assertThat(member.get("name").asString()).isEqualTo("givenName updatedFamilyName");
		assertThat(member.get("consentProfile").get("name").asString()).isEqualTo("Strict");

		Http.Response disabled = scimJson("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				 {"op":"Replace","path":"active","value":"False"}]}""");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(company.get(http, "/api/v1/members/" + id).get("active").asBoolean()).isFalse();

		Http.Response group = scimJson("POST", "/scim/v2/Groups", """
				{"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Group1DisplayName","meta":{"resourceType":"Group"}}""");
		String groupId = group.json().get("id").asString();
		Http.Response filtered = http.get("/scim/v2/Groups?excludedAttributes=members&filter="
				+ enc("displayName eq \"Group1DisplayName\""), company.scimToken());
		assertThat(filtered.json().get("totalResults").asInt()).isEqualTo(1);
		assertThat(filtered.json().get("Resources").get(0).has("members")).isFalse();
		scimJson("PATCH", "/scim/v2/Groups/" + groupId, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				 {"op":"Add","path":"members","value":[{"value":"%s"}]}]}""".formatted(id));
		assertThat(company.get(http, "/api/v1/members/" + id).get("team").asString()).isEqualTo("Group1DisplayName");
		Http.Response removed = scimJson("PATCH", "/scim/v2/Groups/" + groupId, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				 {"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(id));
		assertThat(removed.status()).isEqualTo(200);
		assertThat(company.get(http, "/api/v1/members/" + id).has("team")).isFalse();
	}

	// J1: filters go through the SCIM filter grammar; what does not parse is invalidFilter
	@Test
	void rejectsMalformedFiltersAsInvalidFilter() {
		for (String bad : List.of("userName eq", "userName xx \"a\"", "(userName eq \"a\"", "nonsense eq \"a\"")) {
			Http.Response r = http.get("/scim/v2/Users?filter=" + enc(bad), company.scimToken());
			assertThat(r.status()).as(bad).isEqualTo(400);
			assertThat(r.header("Content-Type")).contains("application/scim+json");
			assertThat(r.json().get("scimType").asString()).as(bad).isEqualTo("invalidFilter");
		}
		assertThatThrownBy(() -> scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class))
			.isInstanceOf(BadRequestException.class);
		assertThat(http.get("/scim/v2/Groups?filter=" + enc("displayName eq"), company.scimToken()).status())
			.isEqualTo(400);
	}

	// J1: pagination with startIndex and count; co / sw / or through the grammar
	@Test
	void pagesAndCombinesFilters() {
		for (int i = 1; i <= 5; i++) {
			assertThat(scimJson("POST", "/scim/v2/Users", "{\"userName\":\"p" + i + "@page.example\"}").status())
				.isEqualTo(201);
		}
		JsonNode all = http.get("/scim/v2/Users?filter=" + enc("userName sw \"p\""), company.scimToken()).json();
		JsonNode page = http.get("/scim/v2/Users?filter=" + enc("userName sw \"p\"") + "&startIndex=2&count=2",
				company.scimToken()).json();
		assertThat(page.get("totalResults").asInt()).isEqualTo(5);
		assertThat(page.get("startIndex").asInt()).isEqualTo(2);
		assertThat(page.get("itemsPerPage").asInt()).isEqualTo(2);
		assertThat(page.get("Resources").get(0).get("id")).isEqualTo(all.get("Resources").get(1).get("id"));
		assertThat(page.get("Resources").get(1).get("id")).isEqualTo(all.get("Resources").get(2).get("id"));
		JsonNode or = http.get("/scim/v2/Users?filter=" + enc("userName eq \"p1@page.example\" or emails.value co \"p5@\""),
				company.scimToken()).json();
		assertThat(or.get("totalResults").asInt()).isEqualTo(2);
		JsonNode not = http.get("/scim/v2/Users?filter=" + enc("not (userName ew \"page.example\")"), company.scimToken()).json();
		assertThat(not.get("totalResults").asInt()).isZero();
	}

	// J1: totalResults counts every match on any page, also where no count query is run (a page that is not full)
	@Test
	void countsEveryMatchOnEveryPage() {
		for (int i = 1; i <= 5; i++) {
			assertThat(scimJson("POST", "/scim/v2/Users", "{\"userName\":\"c" + i + "@count.example\"}").status())
				.isEqualTo(201);
		}
		String sw = "/scim/v2/Users?filter=" + enc("userName sw \"c\"");
		for (String[] pageAndExpected : new String[][] { { "&startIndex=1&count=100", "5", "5" },
				{ "&startIndex=4&count=2", "5", "2" }, { "&startIndex=5&count=2", "5", "1" },
				{ "&startIndex=7&count=2", "5", "0" }, { "&startIndex=1&count=0", "5", "0" },
				{ "&startIndex=2&count=4", "5", "4" } }) {
			JsonNode page = http.get(sw + pageAndExpected[0], company.scimToken()).json();
			assertThat(page.get("totalResults").asInt()).as(pageAndExpected[0]).isEqualTo(Integer.parseInt(pageAndExpected[1]));
			assertThat(page.get("itemsPerPage").asInt()).as(pageAndExpected[0]).isEqualTo(Integer.parseInt(pageAndExpected[2]));
			assertThat(page.get("Resources").size()).as(pageAndExpected[0]).isEqualTo(Integer.parseInt(pageAndExpected[2]));
		}
		JsonNode none = http.get("/scim/v2/Users?filter=" + enc("userName eq \"nobody@count.example\""),
				company.scimToken()).json();
		assertThat(none.get("totalResults").asInt()).isZero();
		assertThat(none.get("Resources").size()).isZero();
	}

	// J1, P3: a userName lookup shows the member's group and own consent profile (read only when a member has them)
	@Test
	void aUserNameLookupShowsTheMembersGroupAndProfile() {
		company.post(http, "/api/v1/consent-profiles", Map.of("name", "Lookup profile"));
		String id = scimJson("POST", "/scim/v2/Users", """
				{"userName":"lookup@scim.example","%s":{"consentProfile":"Lookup profile"}}""".formatted(EXT))
			.json().get("id").asString();
		scimJson("POST", "/scim/v2/Users", "{\"userName\":\"plain@scim.example\"}");
		String groupId = scimJson("POST", "/scim/v2/Groups", """
				{"displayName":"Lookup team","members":[{"value":"%s"}]}""".formatted(id)).json().get("id").asString();

		JsonNode found = http.get("/scim/v2/Users?filter=" + enc("userName eq \"LOOKUP@scim.example\""),
				company.scimToken()).json();
		assertThat(found.get("totalResults").asInt()).isEqualTo(1);
		JsonNode user = found.get("Resources").get(0);
		assertThat(user.get("id").asString()).isEqualTo(id);
		assertThat(user.get("groups").get(0).get("value").asString()).isEqualTo(groupId);
		assertThat(user.get("groups").get(0).get("display").asString()).isEqualTo("Lookup team");
		assertThat(user.get(EXT).get("consentProfile").asString()).isEqualTo("Lookup profile");

		JsonNode plain = http.get("/scim/v2/Users?filter=" + enc("userName eq \"plain@scim.example\""),
				company.scimToken()).json().get("Resources").get(0);
		assertThat(plain.has("groups")).isFalse();
		assertThat(plain.has(EXT)).isFalse();
	}

	// T1: a SCIM token sees its own company only; API tokens do not open /scim
	@Test
	void anotherCompanysScimTokenSeesNothingOfThisCompany() {
		String id = scimJson("POST", "/scim/v2/Users", "{\"userName\":\"eve@scim.example\"}").json().get("id").asString();
		String groupId = scimJson("POST", "/scim/v2/Groups", "{\"displayName\":\"Mine\"}").json().get("id").asString();
		TestCompany other = TestCompany.create(http, "other");

		assertThat(http.get("/scim/v2/Users", other.scimToken()).json().get("totalResults").asInt()).isZero();
		assertThat(http.get("/scim/v2/Groups", other.scimToken()).json().get("totalResults").asInt()).isZero();
		assertThat(http.get("/scim/v2/Users/" + id, other.scimToken()).status()).isEqualTo(404);
		assertThat(http.get("/scim/v2/Groups/" + groupId, other.scimToken()).status()).isEqualTo(404);
		assertThat(http.json("PATCH", "/scim/v2/Users/" + id, other.scimToken(),
				"{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").status()).isEqualTo(404);
		assertThat(http.delete("/scim/v2/Groups/" + groupId, other.scimToken()).status()).isEqualTo(404);
		Http.Response otherGroup = http.json("POST", "/scim/v2/Groups", other.scimToken(),
				"{\"displayName\":\"Theirs\",\"members\":[{\"value\":\"" + id + "\"}]}");
		assertThat(otherGroup.status()).isEqualTo(400);
		assertThat(company.get(http, "/api/v1/members/" + id).get("active").asBoolean()).isTrue();

		Http.Response withApiToken = http.get("/scim/v2/Users", company.apiToken());
		assertThat(withApiToken.status()).isEqualTo(401);
		assertThat(withApiToken.json().get("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
		assertThat(http.get("/scim/v2/Users").status()).isEqualTo(401);
	}

	// J1: discovery describes what is supported, including the consentProfile extension
	@Test
	void describesItselfThroughDiscoveryEndpoints() throws Exception {
		assertThat(scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();
		assertThat(scim.getServiceProviderConfig().getFilter().getMaxResults()).isEqualTo(200);
		assertThat(scim.getResourceTypes().getResources()).extracting(r -> r.getName()).containsExactly("User", "Group");
		assertThat(scim.getResourceType("User").getSchemaExtensions().iterator().next().getSchema().toString()).isEqualTo(EXT);
		assertThat(scim.getSchema(EXT).getAttributes()).extracting(a -> a.getName()).containsExactly("consentProfile");
		assertThat(scim.getSchemas().getTotalResults()).isEqualTo(3);
	}

	private Http.Response scimJson(String method, String path, String body) {
		return http.send(method, path, company.scimToken(), "application/scim+json", body);
	}

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
	}


}
