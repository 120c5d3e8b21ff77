package dev.assent.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for an email address coming in (members, SCIM, meetings, calendar files) and going out. */
class EmailsTests {

	@Test
	void takesOrdinaryAddresses() {
		assertThat(Emails.isAddress("michael.scott@acme.example")).isTrue();
		assertThat(Emails.isAddress("o'brien+sales@sub.acme.co.uk")).isTrue();
		assertThat(Emails.isAddress("a".repeat(64) + "@acme.example")).isTrue();
		assertThat(Emails.isAddress("jürgen@müller.example")).isTrue();
	}

	@Test
	void sendsAnInternationalisedDomainInItsAsciiForm() {
		assertThat(Emails.forSending("jürgen@müller.example")).isEqualTo("jürgen@xn--mller-kva.example");
		assertThat(Emails.forSending("michael.scott@acme.example")).isEqualTo("michael.scott@acme.example");
		assertThat(Emails.forSending("michael@acme")).isNull();
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
		// What no mail server would take, so no email could ever reach (issue 9's header safety, now also on the way in).
		assertThat(Emails.isAddress("jan@client.example,root")).isFalse();
		assertThat(Emails.isAddress("Jan <jan@client.example>")).isFalse();
		assertThat(Emails.isAddress("\"a b\"@x.example")).isFalse();
		assertThat(Emails.isAddress("kevin(sales)@acme.example")).isFalse();
		assertThat(Emails.isAddress("jan@client.example\nBcc: eve@evil.example")).isFalse();
		assertThat(Emails.isAddress("jan@x.c")).as("a one-letter top-level domain").isFalse();
		assertThat(Emails.isAddress("jan@under_score.example")).isFalse();
	}

}
