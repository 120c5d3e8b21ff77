package dev.assent.notifications;

import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Header safety of every email (issue 9, bad input): refused or encoded, never a header injection. */
class AddressesTests {

	@Test
	void refusesAddressesThatAreNotExactlyOneMailbox() {
		for (String bad : new String[] { "jan@client.example,root", "jan@client.example\r\nBcc: eve@evil.example",
				"Jan <jan@client.example>", "jan@client.example;eve@evil.example", "jan", "jan@localhost", "\"a b\"@x.example",
				"jan@client.example\n" + "x" }) {
			assertThatThrownBy(() -> Addresses.recipient(bad, null)).as(bad).isInstanceOf(Addresses.Invalid.class);
		}
	}

	@Test
	void displayNamesLoseLineBreaksAndAreQuotedOrEncoded() throws Exception {
		InternetAddress a = Addresses.recipient("jan@client.example", "Jan\r\nBcc: eve@evil.example, \"Boss\"");
		assertThat(a.getAddress()).isEqualTo("jan@client.example");
		assertThat(a.getPersonal()).isEqualTo("Jan Bcc: eve@evil.example, \"Boss\"");
		assertThat(a.toString()).doesNotContain("\r", "\n").endsWith("<jan@client.example>");
		InternetAddress[] parsed = InternetAddress.parse(a.toString(), true);
		assertThat(parsed).hasSize(1);
		assertThat(parsed[0].getAddress()).isEqualTo("jan@client.example");
		assertThat(Addresses.recipient("juergen@client.example", "Jürgen Müller").toString())
			.startsWith("=?UTF-8?");
	}

	@Test
	void subjectsBecomeOneLine() {
		assertThat(Addresses.oneLine("Review\r\nBcc: eve@evil.example\tnow\u2028x", 250))
			.isEqualTo("Review Bcc: eve@evil.example now x");
		assertThat(Addresses.oneLine("x".repeat(300), 250)).hasSize(250);
	}

	@Test
	void smtpFiveHundredsAndBadAddressesArePermanentOthersAreRetried() {
		assertThat(SmtpMailer.permanent(new jakarta.mail.internet.AddressException("bad"))).isTrue();
		assertThat(SmtpMailer.permanent(new jakarta.mail.MessagingException("wrapped",
				new org.eclipse.angus.mail.smtp.SMTPAddressFailedException(new InternetAddress(), "RCPT", 550, "no such user"))))
			.isTrue();
		assertThat(SmtpMailer.permanent(new jakarta.mail.MessagingException("wrapped",
				new org.eclipse.angus.mail.smtp.SMTPAddressFailedException(new InternetAddress(), "RCPT", 451, "try later"))))
			.isFalse();
		assertThat(SmtpMailer.permanent(new org.eclipse.angus.mail.util.MailConnectException(
				new org.eclipse.angus.mail.util.SocketConnectException("refused", new java.net.ConnectException(), "h", 25, 1000))))
			.isFalse();
	}

}
