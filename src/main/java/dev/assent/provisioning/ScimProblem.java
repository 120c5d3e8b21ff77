package dev.assent.provisioning;

/**
 * A SCIM error (RFC 7644 §3.12): the HTTP status and, for 400 and 409, the {@code scimType}
 * ({@code invalidFilter}, {@code invalidValue}, {@code invalidSyntax}, {@code uniqueness}, …).
 */
class ScimProblem extends RuntimeException {

	private final int status;

	private final String scimType;

	ScimProblem(int status, String scimType, String detail) {
		super(detail);
		this.status = status;
		this.scimType = scimType;
	}

	static ScimProblem invalidFilter(String detail) {
		return new ScimProblem(400, "invalidFilter", detail);
	}

	static ScimProblem invalidValue(String detail) {
		return new ScimProblem(400, "invalidValue", detail);
	}

	static ScimProblem invalidSyntax(String detail) {
		return new ScimProblem(400, "invalidSyntax", detail);
	}

	static ScimProblem notFound(String what) {
		return new ScimProblem(404, "", what + " not found");
	}

	int status() {
		return status;
	}

	String scimType() {
		return scimType;
	}

}
