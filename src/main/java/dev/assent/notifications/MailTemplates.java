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

import dev.assent.shared.Languages;

/**
 * Renders an email from its Thymeleaf templates in the recipient's language: {@code
 * templates/mail/<name>.html} (HTML) and {@code templates/mail/<name>.txt} (plain text), the
 * subject from the {@code mail/messages} bundle ({@code mail.<name>.subject}). Emails speak every
 * language the participant page speaks ({@link Languages}: the {@code messages_xx} bundles, PRODUCT
 * C8; {@code mail/messages_xx} exists for each, a test sees to it); right-to-left languages get
 * {@code dir="rtl"}. The engine is this module's own, so the web views' engine is left as Spring
 * Boot configures it.
 */
@Component
class MailTemplates {

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

	/** Bundle codes of what profiles or browsers may name otherwise (Norwegian Bokmål and Nynorsk). */
	private static final Map<String, String> ALIASES = Map.of("nb", "no", "nn", "no", "in", "id");

	/** The first of {@code preferred} Assent speaks (language part only), else English. */
	static String language(List<String> preferred) {
		for (String tag : preferred) {
			String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
			lang = ALIASES.getOrDefault(lang, lang);
			if (Languages.isSupported(lang)) {
				return lang;
			}
		}
		return Languages.DEFAULT;
	}

	Email.Rendered render(String name, String language, Map<String, Object> variables) {
		Locale locale = Locale.forLanguageTag(language);
		Context context = new Context(locale, variables);
		context.setVariable("lang", language);
		context.setVariable("dir", Languages.isRightToLeft(language) ? "rtl" : "ltr");
		Object[] subjectArgs = (Object[]) variables.getOrDefault("subjectArgs", new Object[0]);
		String subject = messages.getMessage("mail." + name + ".subject", subjectArgs, locale);
		context.setVariable("subject", subject);
		String html = engine.process(name + ".html", context);
		String text = engine.process(name + ".txt", context);
		return new Email.Rendered(Addresses.oneLine(subject, 250), text.strip() + "\n", html);
	}

}
