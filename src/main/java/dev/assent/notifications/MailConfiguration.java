package dev.assent.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} ({@code SPRING_MAIL_HOST}) is set, else the captured mailbox (API.md start-up). */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

	@Bean
	Mailer mailer(ObjectProvider<JavaMailSender> sender, NotificationSettings settings, Environment env) {
		String host = env.getProperty("spring.mail.host", "");
		JavaMailSender smtp = sender.getIfAvailable();
		if (!host.isBlank() && smtp != null) {
			log.info("Emails go out through SMTP at {}:{}", host, env.getProperty("spring.mail.port", "25"));
			return new SmtpMailer(smtp, settings);
		}
		log.info("No SPRING_MAIL_HOST: emails are captured in the mailbox at /admin/mailbox");
		return new CapturedMailer();
	}

}
