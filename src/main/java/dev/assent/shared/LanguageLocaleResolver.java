package dev.assent.shared;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The locale of every rendered page: the language a controller chose for this request (a consent
 * page's error in one of its profile's languages), else the best supported language for the
 * browser's {@code Accept-Language} ({@code nb-NO} → Norwegian, {@code zh-Hans} → Chinese). Texts
 * without a translation (the admin UI's) come from the English bundle.
 */
@Component("localeResolver")
class LanguageLocaleResolver implements LocaleResolver {

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Object chosen = request.getAttribute(Languages.REQUEST_ATTRIBUTE);
		String language = chosen instanceof String s && Languages.isSupported(s) ? s
				: Languages.bestMatch(Languages.SUPPORTED, request.getHeader("Accept-Language"));
		return Locale.forLanguageTag(language);
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		throw new UnsupportedOperationException("the language follows Accept-Language");
	}

}
