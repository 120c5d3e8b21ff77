package dev.assent.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The SCIM bodies as the OpenAPI document shows them (issue 11). The controllers read and write
 * SCIM with the UnboundID SDK's mapper (case-insensitive attribute names, RFC 7643 §2.1), so these
 * records only describe the wire format; {@code ScimJson.USER} etc. name the same URNs.
 */
final class ScimSchemas {

	static final String SCIM_JSON = "application/scim+json";

	static final String TOKEN = "scimToken";

	private ScimSchemas() {
	}

	@Schema(name = "ScimUser", description = "A team member as a SCIM User (RFC 7643 §4.1). userName is the member's email; "
			+ "the extension attribute consentProfile names the member's own consent profile (absent: the team's or the "
			+ "company's default, PRODUCT P2, P3). Groups answer with value, display and $ref.")
	record User(
			@Schema(example = "[\"urn:ietf:params:scim:schemas:core:2.0:User\", \"urn:ietf:params:scim:schemas:extension:assent:2.0:User\"]") @Nullable List<String> schemas,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY, example = "3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90") @Nullable String id,
			@Schema(description = "the identity provider's id of the person", example = "00u1ab2cd3EF4gh5i6j7") @Nullable String externalId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the member's email (unique in the company, case-insensitive)", example = "dana@acme.example", maxLength = 254) String userName,
			@Nullable Name name,
			@Schema(example = "Dana Scully", maxLength = 200) @Nullable String displayName,
			@Schema(description = "the primary (else the work, else the first) email becomes the member's email") @Nullable List<Email> emails,
			@Schema(description = "false deactivates the member and ends their sessions; Entra's \"False\" text is accepted in PATCH", example = "true") @Nullable Boolean active,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "the member's team (an Assent member is in at most one)") @Nullable List<GroupRef> groups,
			@JsonProperty(ScimJson.ASSENT_USER) @Nullable AssentExtension assent,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY) @Nullable Meta meta) {
	}

	@Schema(name = "ScimName", description = "formatted wins, else givenName + familyName, else displayName, else userName")
	record Name(@Schema(example = "Dana Scully") @Nullable String formatted, @Schema(example = "Dana") @Nullable String givenName,
			@Schema(example = "Scully") @Nullable String familyName) {
	}

	@Schema(name = "ScimEmail")
	record Email(@Schema(example = "dana@acme.example") String value, @Schema(example = "work") @Nullable String type,
			@Schema(example = "true") @Nullable Boolean primary) {
	}

	@Schema(name = "ScimAssentUserExtension", description = "urn:ietf:params:scim:schemas:extension:assent:2.0:User")
	record AssentExtension(@Schema(description = "the name of one of the company's consent profiles; null or empty: "
			+ "the team's or the default profile", example = "Two-party states") @Nullable String consentProfile) {
	}

	@Schema(name = "ScimGroupRef", description = "a team the member is in; the answer also carries $ref, the group's URL")
	record GroupRef(@Schema(example = "7d1e4b7a-2c3f-4e8a-9b6d-0f1a2b3c4d5e") String value,
			@Schema(example = "Sales") @Nullable String display) {
	}

	@Schema(name = "ScimMeta")
	record Meta(@Schema(example = "User") String resourceType, @Schema(example = "2026-12-03T01:00:00Z") String created,
			@Schema(example = "2026-12-03T01:00:00Z") String lastModified,
			@Schema(example = "https://assent.acme.example/scim/v2/Users/3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90") String location) {
	}

	@Schema(name = "ScimGroup", description = "A team as a SCIM Group (RFC 7643 §4.2). Adding a member moves them from "
			+ "their previous team; a team's consent profile applies to members without their own (P3).")
	record Group(@Schema(example = "[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]") @Nullable List<String> schemas,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY, example = "7d1e4b7a-2c3f-4e8a-9b6d-0f1a2b3c4d5e") @Nullable String id,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Sales", maxLength = 200) String displayName,
			@Schema(description = "the members' SCIM User ids") @Nullable List<GroupMember> members,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY) @Nullable Meta meta) {
	}

	@Schema(name = "ScimGroupMember")
	record GroupMember(@Schema(description = "a SCIM User id", example = "3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90") String value,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY, example = "Dana Scully") @Nullable String display) {
	}

	@Schema(name = "ScimPatchOp", description = "RFC 7644 §3.5.2 as Okta and Microsoft Entra send it (op names in any case)")
	record PatchOp(@Schema(example = "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]") List<String> schemas,
			@JsonProperty("Operations") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Operation> operations) {
	}

	@Schema(name = "ScimPatchOperation")
	record Operation(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "add", "remove", "replace", "Add", "Remove", "Replace" }, example = "replace") String op,
			@Schema(description = "an attribute path with an optional value filter, e.g. active, members, "
					+ "members[value eq \"…\"], emails[type eq \"work\"].value; absent: value is an object of attributes", example = "active") @Nullable String path,
			@Schema(description = "the new value: a string, boolean, object or array, as the path needs", example = "false") @Nullable Object value) {
	}

	@Schema(name = "ScimListResponse", description = "RFC 7644 §3.4.2: one page of Users or Groups, or the discovery resources")
	record ListResponse(@Schema(example = "[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]") List<String> schemas,
			@Schema(example = "1") long totalResults, @Schema(example = "1") int startIndex,
			@Schema(example = "1") int itemsPerPage,
			@JsonProperty("Resources") @Schema(description = "ScimUser or ScimGroup resources") List<Object> resources) {
	}

	@Schema(name = "ScimError", description = "RFC 7644 §3.12")
	record Error(@Schema(example = "[\"urn:ietf:params:scim:api:messages:2.0:Error\"]") List<String> schemas,
			@Schema(example = "400") String status,
			@Schema(allowableValues = { "invalidFilter", "invalidSyntax", "invalidValue", "invalidPath", "noTarget", "uniqueness", "mutability" },
					example = "invalidFilter") @Nullable String scimType,
			@Schema(example = "The filter is malformed: …") String detail) {
	}

	@Schema(name = "ScimResource", description = "ServiceProviderConfig, a ResourceType or a Schema (RFC 7643 §5–7)")
	record Discovery(@Schema(example = "[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"]") List<String> schemas,
			@Schema(example = "urn:ietf:params:scim:schemas:core:2.0:User") @Nullable String id,
			@Nullable Meta meta) {
	}

	// Request examples from Okta's and Microsoft Entra's SCIM documentation, in Assent's terms.

	static final String USER_EXAMPLE = """
			{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:assent:2.0:User"],
			 "userName":"dana@acme.example","externalId":"00u1ab2cd3EF4gh5i6j7",
			 "name":{"givenName":"Dana","familyName":"Scully"},
			 "emails":[{"primary":true,"value":"dana@acme.example","type":"work"}],"active":true,
			 "urn:ietf:params:scim:schemas:extension:assent:2.0:User":{"consentProfile":"Two-party states"}}""";

	static final String OKTA_DEACTIVATE = """
			{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
			 "Operations":[{"op":"replace","value":{"active":false}}]}""";

	static final String ENTRA_PATCH = """
			{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
			 "Operations":[{"op":"Replace","path":"active","value":"False"},
			               {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:assent:2.0:User:consentProfile","value":"Two-party states"}]}""";

	static final String GROUP_EXAMPLE = """
			{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales",
			 "members":[{"value":"3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90"}]}""";

	static final String OKTA_GROUP_PATCH = """
			{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
			 "Operations":[{"op":"add","path":"members","value":[{"value":"3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90"}]}]}""";

	static final String ENTRA_GROUP_PATCH = """
			{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
			 "Operations":[{"op":"Remove","path":"members","value":[{"value":"3f0c2a1e-9b7d-4c55-8f0e-2d8a6b1c4e90"}]}]}""";

}
