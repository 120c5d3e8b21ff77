package dev.assent.consentpage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.assent.calls.Provider;
import dev.assent.shared.Languages;

/**
 * Renders the public consent page. The HTML of a page is rendered once per language and kept as
 * three byte segments around the two per-request values (the CSRF token and the page-view key),
 * so serving a page is a matter of writing bytes.
 */
@Component
class PageRenderer {

	private static final String CSRF_MARK = "AssentCsrfMark7f3a";

	private static final String VIEW_MARK = "AssentViewMark9c1b";

	private final ITemplateEngine engine;

	private final MessageSource messages;

	private final String cssUrl;

	PageRenderer(ITemplateEngine engine, MessageSource messages) throws IOException {
		this.engine = engine;
		this.messages = messages;
		try (InputStream css = new ClassPathResource("static/assets/consent.css").getInputStream()) {
			this.cssUrl = "/assets/consent.css?v=" + ConsentPageManagement.sha256(css.readAllBytes()).substring(0, 12);
		}
	}

	/** A page rendered for one language, waiting for its per-request values. */
	record Rendered(String language, String noticeSha256, String noticeHtml, String contentSecurityPolicy, byte[] head,
			byte @Nullable [] middle, byte @Nullable [] tail) {

		/** Whether the page has a form, and so needs a CSRF token and a view key. */
		boolean hasForm() {
			return middle != null;
		}

		byte[] bytes(String csrf, String viewKey) {
			if (middle == null || tail == null) {
				return head;
			}
			byte[] c = csrf.getBytes(StandardCharsets.US_ASCII);
			byte[] v = viewKey.getBytes(StandardCharsets.US_ASCII);
			byte[] out = new byte[head.length + c.length + middle.length + v.length + tail.length];
			int at = 0;
			for (byte[] part : new byte[][] { head, c, middle, v, tail }) {
				System.arraycopy(part, 0, out, at, part.length);
				at += part.length;
			}
			return out;
		}

	}

	Rendered render(PageView view, String language) {
		String notice = notice(view, language);
		String html = process(view, language, notice, false, CSRF_MARK, VIEW_MARK);
		int c = html.indexOf(CSRF_MARK);
		int v = html.indexOf(VIEW_MARK);
		if (view.choices().isEmpty() && c < 0 && v < 0) {
			return new Rendered(language, ConsentPageManagement.sha256(notice), notice, csp(view),
					html.getBytes(StandardCharsets.UTF_8), null, null);
		}
		if (c < 0 || v < c || html.indexOf(CSRF_MARK, c + 1) >= 0 || html.indexOf(VIEW_MARK, v + 1) >= 0) {
			throw new IllegalStateException("consent page template must carry the CSRF and view marks once, in that order");
		}
		return new Rendered(language, ConsentPageManagement.sha256(notice), notice, csp(view),
				html.substring(0, c).getBytes(StandardCharsets.UTF_8),
				html.substring(c + CSRF_MARK.length(), v).getBytes(StandardCharsets.UTF_8),
				html.substring(v + VIEW_MARK.length()).getBytes(StandardCharsets.UTF_8));
	}

	/** The page as participants will see it, with its buttons inert (PRODUCT C6). */
	String preview(PageView view, String language) {
		return process(view, language, notice(view, language), true, "preview", "preview");
	}

	private String notice(PageView view, String language) {
		return view.customNoticeHtml() != null ? view.customNoticeHtml()
				: messages.getMessage("consent.notice.default", new Object[] { org.springframework.web.util.HtmlUtils.htmlEscape(view.companyName()) },
						Locale.forLanguageTag(language));
	}

	private String process(PageView view, String language, String notice, boolean preview, String csrf, String viewKey) {
		Context ctx = new Context(Locale.forLanguageTag(language));
		ctx.setVariable("memberName", view.memberName());
		ctx.setVariable("companyName", view.companyName());
		ctx.setVariable("logoUrl", view.logoUrl());
		ctx.setVariable("policyUrl", view.policyUrl());
		// A provider Assent does not know has no name to show: the page says "the provider of this meeting" in its language.
		ctx.setVariable("providerName", view.provider() == Provider.OTHER ? null : view.provider().displayName());
		ctx.setVariable("choices", view.choices().stream().map(Enum::name).toList());
		ctx.setVariable("mustConsent", view.choices().contains(Choice.CONSENT));
		ctx.setVariable("implicit", view.choices().contains(Choice.JOIN));
		ctx.setVariable("noLink", view.joinUrl() == null);
		ctx.setVariable("recordingStopped", view.recordingStopped());
		// the purposes asked separately (PRODUCT X4): optional checkboxes, unticked, beside the one-click choice
		ctx.setVariable("purposes", view.choices().isEmpty() ? List.of() : view.purposes().stream().map(Enum::name).toList());
		ctx.setVariable("notice", notice);
		ctx.setVariable("lang", language);
		ctx.setVariable("rtl", Languages.isRightToLeft(language));
		ctx.setVariable("preview", preview);
		ctx.setVariable("csrf", csrf);
		ctx.setVariable("viewKey", viewKey);
		ctx.setVariable("cssUrl", cssUrl);
		ctx.setVariable("action", view.path());
		return engine.process("consentpage/consent-page", ctx);
	}

	/** Strict CSP: no scripts at all; forms may go to Assent and, by redirect, to the meeting's origin. */
	static String csp(PageView view) {
		String formAction = "'self'";
		String origin = origin(view.joinUrl());
		if (origin != null) {
			formAction += " " + origin;
		}
		return "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formAction
				+ "; base-uri 'none'; frame-ancestors 'none'";
	}

	private static @Nullable String origin(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getRawAuthority();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The best of the page's languages for an {@code Accept-Language} header (PRODUCT C8). */
	static String language(List<String> pageLanguages, @Nullable String acceptLanguage) {
		return Languages.bestMatch(pageLanguages, acceptLanguage);
	}

}
