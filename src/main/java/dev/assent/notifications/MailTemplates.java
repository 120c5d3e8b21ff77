package dev.assent.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders an email from its Thymeleaf templates in the recipient's language: {@code
 * templates/mail/<name>.html} (HTML) and {@code templates/mail/<name>.txt} (plain text), the
 * subject from the {@code mail/messages} bundle ({@code mail.<name>.subject}). Languages without
 * a bundle fall back to English. The engine is this module's own, so the web views' engine is left
 * as Spring Boot configures it.
 */
@Component
class MailTemplates {

	/** The languages the mail bundle has; others get English. */
	static final Set<String> LANGUAGES = Set.of("en", "es", "de", "fr");

	private final SpringTemplateEngine engine;

	private final MessageSource messages;

	MailTemplates(MessageSource messages) {
		this.messages = messages;
		this.engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
		engine.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
		ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
		r.setPrefix("templates/mail/");
		r.setTemplateMode(mode);
		r.setResolvablePatterns(Set.of("*" + suffix));
		r.setCharacterEncoding("UTF-8");
		r.setCacheable(true);
		r.setOrder(order);
		r.setCheckExistence(true);
		return r;
	}

	/** The first of {@code preferred} the mail bundle speaks (language part only), else English. */
	static String language(List<String> preferred) {
		for (String tag : preferred) {
			String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
			if (LANGUAGES.contains(lang)) {
				return lang;
			}
		}
		return "en";
	}

	Email.Rendered render(String name, String language, Map<String, Object> variables) {
		Locale locale = Locale.forLanguageTag(language);
		Context context = new Context(locale, variables);
		context.setVariable("lang", language);
		Object[] subjectArgs = (Object[]) variables.getOrDefault("subjectArgs", new Object[0]);
		String subject = messages.getMessage("mail." + name + ".subject", subjectArgs, locale);
		context.setVariable("subject", subject);
		String html = engine.process(name + ".html", context);
		String text = engine.process(name + ".txt", context);
		return new Email.Rendered(Addresses.oneLine(subject, 250), text.strip() + "\n", html);
	}

}
