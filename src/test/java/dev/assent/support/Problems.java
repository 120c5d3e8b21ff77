package dev.assent.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the API's RFC 9457 problem details. */
public final class Problems {

	private Problems() {
	}

	/** A 400 problem naming the field at fault and the message code of why. */
	public static void assertInvalid(Http.Response r, String field, String code) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.header("Content-Type")).startsWith("application/problem+json");
		assertThat(r.json().get("code").asString()).as(r.body()).isEqualTo(code);
		assertThat(r.json().get("errors").has(field)).as(r.body()).isTrue();
	}

}
