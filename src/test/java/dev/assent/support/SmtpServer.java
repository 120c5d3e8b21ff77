package dev.assent.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in-process (GreenMail) on a free port, which tests can stop and start again
 * on the same port (an SMTP outage).
 */
public final class SmtpServer {

	private final int port;

	private GreenMail mail;

	public SmtpServer() {
		GreenMail probe = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		probe.start();
		this.port = probe.getSmtp().getPort();
		this.mail = probe;
	}

	public int port() {
		return port;
	}

	public synchronized void stop() {
		if (mail != null) {
			mail.stop();
			mail = null;
		}
	}

	public synchronized void start() {
		if (mail == null) {
			mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			mail.start();
		}
	}

	public synchronized List<MimeMessage> received() {
		return mail == null ? List.of() : Arrays.asList(mail.getReceivedMessages());
	}

	/** The messages whose To names {@code address}. */
	public List<MimeMessage> to(String address) {
		return received().stream().filter(m -> {
			try {
				return m.getRecipients(Message.RecipientType.TO) != null
						&& Arrays.stream(m.getRecipients(Message.RecipientType.TO))
							.anyMatch(a -> a.toString().toLowerCase().contains(address.toLowerCase()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	public synchronized void reset() {
		if (mail != null) {
			try {
				mail.purgeEmailFromAllMailboxes();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
