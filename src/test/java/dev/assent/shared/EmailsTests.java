package dev.assent.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for an email address coming in (members, SCIM, meetings, calendar files). */
class EmailsTests {

	@Test
	void takesOrdinaryAddresses() {
		assertThat(Emails.isAddress("michael.scott@acme.example")).isTrue();
		assertThat(Emails.isAddress("o'brien+sales@sub.acme.co.uk")).isTrue();
		assertThat(Emails.isAddress("a".repeat(64) + "@acme.example")).isTrue();
	}

	@Test
	void refusesWhatIsNoAddress() {
		assertThat(Emails.isAddress(null)).isFalse();
		assertThat(Emails.isAddress("")).isFalse();
		assertThat(Emails.isAddress("michael")).isFalse();
		assertThat(Emails.isAddress("michael@acme")).as("a domain without a dot").isFalse();
		assertThat(Emails.isAddress("michael scott@acme.example")).isFalse();
		assertThat(Emails.isAddress("a@b@acme.example")).isFalse();
		assertThat(Emails.isAddress("a".repeat(65) + "@acme.example")).as("a local part over 64").isFalse();
		assertThat(Emails.isAddress("m@" + "d".repeat(250) + ".example")).as("over 254 in all").isFalse();
	}

}
