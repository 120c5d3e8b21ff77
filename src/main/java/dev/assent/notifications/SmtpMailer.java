package dev.assent.notifications;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends through Spring Mail's SMTP sender ({@code spring.mail.*}): a batch over one connection,
 * each email as {@code multipart/alternative} (plain text and HTML), with a stable
 * {@code Message-ID} made of its id. An address the server refuses with a 5xx code, or an
 * invalid one, is a permanent failure; anything else (connection refused, 4xx, timeouts) is retried.
 */
class SmtpMailer implements Mailer {

	private final JavaMailSender sender;

	private final NotificationSettings settings;

	SmtpMailer(JavaMailSender sender, NotificationSettings settings) {
		this.sender = sender;
		this.settings = settings;
	}

	@Override
	public String transport() {
		return "SMTP";
	}

	@Override
	public Map<UUID, Failure> send(List<Email> emails) {
		Map<UUID, Failure> failures = new HashMap<>();
		Map<Object, UUID> ids = new IdentityHashMap<>();
		List<MimeMessage> messages = new ArrayList<>();
		for (Email e : emails) {
			try {
				MimeMessage m = message(e);
				ids.put(m, e.id());
				messages.add(m);
			}
			catch (Addresses.Invalid ex) {
				failures.put(e.id(), new Failure(ex.getMessage(), true));
			}
			catch (MessagingException | RuntimeException ex) {
				failures.put(e.id(), new Failure("cannot build the message: " + ex, true));
			}
		}
		if (messages.isEmpty()) {
			return failures;
		}
		try {
			sender.send(messages.toArray(new MimeMessage[0]));
		}
		catch (MailSendException ex) {
			if (ex.getFailedMessages().isEmpty()) {
				ids.values().forEach(id -> failures.put(id, new Failure(String.valueOf(ex.getMessage()), false)));
			}
			ex.getFailedMessages().forEach((message, cause) -> {
				UUID id = ids.get(message);
				if (id != null) {
					failures.put(id, new Failure(describe(cause), permanent(cause)));
				}
			});
		}
		catch (MailException ex) {
			ids.values().forEach(id -> failures.put(id, new Failure(describe(ex), false)));
		}
		return failures;
	}

	private MimeMessage message(Email e) throws MessagingException {
		String messageId = "<" + e.id() + "@assent>";
		MimeMessage m;
		if (sender instanceof JavaMailSenderImpl impl) {
			m = new MimeMessage(impl.getSession()) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", messageId);
				}
			};
		}
		else {
			m = sender.createMimeMessage();
		}
		MimeMessageHelper h = new MimeMessageHelper(m, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				StandardCharsets.UTF_8.name());
		try {
			h.setFrom(settings.from(), Addresses.oneLine(settings.fromName(), 100));
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new MessagingException("from", ex);
		}
		h.setTo(Addresses.recipient(e.recipient(), e.recipientName()));
		h.setSubject(Addresses.oneLine(e.subject(), 250));
		h.setText(e.textBody(), e.htmlBody());
		m.setHeader("Content-Language", e.language());
		m.setHeader("X-Assent-Reason", e.reason().name());
		if (!(sender instanceof JavaMailSenderImpl)) {
			m.setHeader("Message-ID", messageId);
		}
		return m;
	}

	/** A 5xx answer or an address the client refuses; 4xx and connection faults are transient. */
	static boolean permanent(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof AddressException) {
				return true;
			}
			Integer code = returnCode(t);
			if (code != null && code >= 500 && code < 600) {
				return true;
			}
			if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t.getCause()
					&& permanent(me.getNextException())) {
				return true;
			}
		}
		return false;
	}

	/** The SMTP reply code of Angus Mail's SMTP exceptions ({@code getReturnCode()}), if any. */
	private static @org.jspecify.annotations.Nullable Integer returnCode(Throwable t) {
		try {
			Object code = t.getClass().getMethod("getReturnCode").invoke(t);
			return code instanceof Integer i ? i : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static String describe(Throwable t) {
		StringBuilder s = new StringBuilder();
		for (Throwable c = t; c != null && s.length() < 400; c = c.getCause() == c ? null : c.getCause()) {
			if (s.length() > 0) {
				s.append(" / ");
			}
			s.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
		}
		return Addresses.oneLine(s.toString(), 500);
	}

}
