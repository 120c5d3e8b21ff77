package dev.assent.integrations.webex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused webhook registration tells the tech admin what to change (issue 8, L7). */
class WebexRefusalHintTests {

	@Test
	void anAddressWebexCannotReachAsksForAPublicHttpsAddress() {
		assertThat(WebexIntegration.refusalHint(400)).contains("public https");
	}

	@Test
	void aTokenWithoutTheRightToSeeMeetingsAsksForItsScopesNotForAnotherAddress() {
		assertThat(WebexIntegration.refusalHint(403)).contains("scopes").doesNotContain("https");
		assertThat(WebexIntegration.refusalHint(401)).contains("scopes").doesNotContain("https");
	}

	@Test
	void anyOtherRefusalAddsNoGuess() {
		assertThat(WebexIntegration.refusalHint(409)).isEqualTo(".");
	}

}
