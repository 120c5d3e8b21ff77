package dev.assent.consentpage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.unbescape.html.HtmlEscape;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.assent.calls.Provider;
import dev.assent.profiles.Purpose;
import dev.assent.shared.Languages;

/**
 * Renders the public consent page. The HTML of a page is rendered once per language and kept as
 * three byte segments around the two per-request values (the CSRF token and the page-view key),
 * so serving a page is a matter of writing bytes. Pages that differ only in the member's name and
 * address share one rendering of the template (a {@link Skeleton}): the first view of a member's
 * page fills in those two values instead of running the template again.
 */
@Component
class PageRenderer {

	private static final String CSRF_MARK = "AssentCsrfMark7f3a";

	private static final String VIEW_MARK = "AssentViewMark9c1b";

	private static final String NAME_MARK = "AssentNameMark2d8e";

	private static final String ACTION_MARK = "AssentActionMark5b0c";

	/** Skeletons kept at most; past it they are dropped and made again as pages are viewed. */
	private static final int MAX_SKELETONS = 10_000;

	/**
	 * What a page's HTML depends on besides the member's name and the form's address: pages with
	 * equal shapes share a skeleton.
	 */
	private record Shape(String companyName, @Nullable String logoUrl, @Nullable String policyUrl, Provider provider,
			List<Choice> choices, boolean noLink, boolean recordingStopped, List<Purpose> purposes,
			@Nullable String customNoticeHtml, String language) {

		static Shape of(PageView view, String language) {
			return new Shape(view.companyName(), view.logoUrl(), view.policyUrl(), view.provider(), view.choices(),
					view.joinUrl() == null, view.recordingStopped(), view.purposes(), view.customNoticeHtml(), language);
		}

	}

	/**
	 * The page rendered with marks for the member's name and address, cut around the CSRF token and
	 * the view key ({@code middle} and {@code tail} are {@code null} for a page without a form).
	 */
	private record Skeleton(String notice, String noticeSha256, String head, @Nullable String middle,
			@Nullable String tail) {

		byte[] fill(String s, String name, String action) {
			return s.replace(NAME_MARK, name).replace(ACTION_MARK, action).getBytes(StandardCharsets.UTF_8);
		}

	}

	private final ConcurrentHashMap<Shape, Skeleton> skeletons = new ConcurrentHashMap<>();

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
		Shape shape = Shape.of(view, language);
		Skeleton skeleton = skeletons.get(shape);
		if (skeleton == null) {
			if (skeletons.size() >= MAX_SKELETONS) {
				skeletons.clear();
			}
			skeleton = skeletons.computeIfAbsent(shape, k -> skeleton(view, language));
		}
		// Escaped as the template escapes text and attribute values (Thymeleaf's HTML escaping, a
		// character at a time, so escaping the parts is escaping the whole).
		String name = HtmlEscape.escapeHtml4Xml(view.memberName());
		String action = HtmlEscape.escapeHtml4Xml(view.path());
		return new Rendered(language, skeleton.noticeSha256(), skeleton.notice(), csp(view),
				skeleton.fill(skeleton.head(), name, action),
				skeleton.middle() == null ? null : skeleton.fill(skeleton.middle(), name, action),
				skeleton.tail() == null ? null : skeleton.fill(skeleton.tail(), name, action));
	}

	private Skeleton skeleton(PageView view, String language) {
		String notice = notice(view, language);
		String noticeSha256 = ConsentPageManagement.sha256(notice);
		String html = process(view, language, notice, false, CSRF_MARK, VIEW_MARK, NAME_MARK, ACTION_MARK);
		int c = html.indexOf(CSRF_MARK);
		int v = html.indexOf(VIEW_MARK);
		if (view.choices().isEmpty() && c < 0 && v < 0) {
			return new Skeleton(notice, noticeSha256, html, null, null);
		}
		if (c < 0 || v < c || html.indexOf(CSRF_MARK, c + 1) >= 0 || html.indexOf(VIEW_MARK, v + 1) >= 0) {
			throw new IllegalStateException("consent page template must carry the CSRF and view marks once, in that order");
		}
		return new Skeleton(notice, noticeSha256, html.substring(0, c), html.substring(c + CSRF_MARK.length(), v),
				html.substring(v + VIEW_MARK.length()));
	}

	/** The page as participants will see it, with its buttons inert (PRODUCT C6). */
	String preview(PageView view, String language) {
		return process(view, language, notice(view, language), true, "preview", "preview", view.memberName(),
				view.path());
	}

	/** The page run through the template with every value as it is, for tests to compare with {@link #render}. */
	String process(PageView view, String language, String csrf, String viewKey) {
		return process(view, language, notice(view, language), false, csrf, viewKey, view.memberName(), view.path());
	}

	private String notice(PageView view, String language) {
		return view.customNoticeHtml() != null ? view.customNoticeHtml()
				: messages.getMessage("consent.notice.default", new Object[] { HtmlUtils.htmlEscape(view.companyName()) },
						Locale.forLanguageTag(language));
	}

	private String process(PageView view, String language, String notice, boolean preview, String csrf, String viewKey,
			String memberName, String action) {
		Context ctx = new Context(Locale.forLanguageTag(language));
		ctx.setVariable("memberName", memberName);
		ctx.setVariable("companyName", view.companyName());
		ctx.setVariable("logoUrl", view.logoUrl());
		ctx.setVariable("policyUrl", view.policyUrl());
		ctx.setVariable("providerName", view.provider().displayName());
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
		ctx.setVariable("action", action);
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
