package dev.assent.consentpage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.consentpage.ConsentPageManagement.Moved;
import dev.assent.consentpage.ConsentPageManagement.Resolution;
import dev.assent.consentpage.PageRenderer.Rendered;

/**
 * The public consent page (PRODUCT C1–C4, C10): the page itself when the lean filter did not
 * answer, friendly errors, and the decision POST. A GET never records anything.
 */
@Controller
class ConsentPageController {

	private static final String SLUG = "{company:[a-z0-9-]{1,48}}/{member:[a-z0-9-]{1,48}}";

	private final PageCache cache;

	private final PageResponder responder;

	private final ConsentManagement consents;

	private final ConsentPageManagement pages;

	private final ParticipantTokens tokens;

	private final CallManagement calls;

	private final Clock clock;

	ConsentPageController(PageCache cache, PageResponder responder, ConsentManagement consents,
			ConsentPageManagement pages, ParticipantTokens tokens, CallManagement calls, Clock clock) {
		this.cache = cache;
		this.responder = responder;
		this.consents = consents;
		this.pages = pages;
		this.tokens = tokens;
		this.calls = calls;
		this.clock = clock;
	}

	@GetMapping("/" + SLUG)
	@Nullable String page(@PathVariable String company, @PathVariable String member, HttpServletRequest req,
			HttpServletResponse res, Model model) throws IOException {
		Resolution resolution = cache.lookup(company, member);
		if (resolution instanceof Found found && responder.write(found, req, res)) {
			return null;
		}
		if (resolution instanceof Moved moved) {
			String query = req.getQueryString();
			res.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
			res.setHeader(HttpHeaders.LOCATION, moved.path() + (query == null ? "" : "?" + query));
			return null;
		}
		return notFound(res, model);
	}

	@GetMapping("/assets/logos/{sha:[0-9a-f]{64}}")
	ResponseEntity<byte[]> logo(@PathVariable String sha) {
		Optional<PageSettings.Logo> logo = pages.logo(sha);
		return logo.map(l -> ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(l.type()))
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable())
			.header("X-Content-Type-Options", "nosniff")
			.body(l.bytes())).orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping(path = "/" + SLUG, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Nullable String decide(@PathVariable String company, @PathVariable String member,
			@RequestParam(name = "_csrf", required = false) @Nullable String csrf,
			@RequestParam(name = "view", required = false) @Nullable String viewKey,
			@RequestParam(name = "choice", required = false) @Nullable String choiceName,
			@RequestParam(name = "lang", required = false) @Nullable String lang, HttpServletRequest req,
			HttpServletResponse res, Model model) {
		Resolution resolution = cache.lookup(company, member);
		if (resolution instanceof Moved moved) {
			res.setStatus(HttpStatus.TEMPORARY_REDIRECT.value());
			res.setHeader(HttpHeaders.LOCATION, moved.path());
			return null;
		}
		if (!(resolution instanceof Found found)) {
			return notFound(res, model);
		}
		PageView view = found.view();
		model.addAttribute("pagePath", view.path());
		String participant = PageResponder.participant(req);
		if (!tokens.isParticipantId(participant)
				|| !tokens.validCsrf(participant, view.companyId(), view.memberId(), csrf)) {
			return problem(res, model, HttpStatus.FORBIDDEN, "consent.error.expired");
		}
		Choice choice = choice(choiceName);
		if (viewKey == null || !viewKey.matches("[A-Za-z0-9_-]{22}") || choice == null) {
			return problem(res, model, HttpStatus.BAD_REQUEST, "consent.error.badRequest");
		}
		if (!view.choices().contains(choice)) {
			return problem(res, model, HttpStatus.CONFLICT, "consent.error.changed");
		}
		String language = lang != null && view.languages().contains(lang) && PageRenderer.AVAILABLE.contains(lang) ? lang
				: PageRenderer.language(view.languages(), req.getHeader("Accept-Language"));
		Rendered shown = cache.rendered(found, language);
		// Consent is per occurrence (PRODUCT C7): the decision belongs to the member's call happening now, if any.
		UUID callId = calls.occurrenceFor(view.companyId(), view.memberId(), Instant.now(clock)).map(Call::id).orElse(null);
		consents.decide(view, language, shown.noticeSha256(), choice, participant, viewKey, callId);
		res.setStatus(HttpStatus.SEE_OTHER.value());
		res.setHeader(HttpHeaders.LOCATION, view.joinUrl());
		res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return null;
	}

	private static @Nullable Choice choice(@Nullable String name) {
		if (name == null) {
			return null;
		}
		try {
			return Choice.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String notFound(HttpServletResponse res, Model model) {
		return problem(res, model, HttpStatus.NOT_FOUND, "consent.error.notFound");
	}

	private static String problem(HttpServletResponse res, Model model, HttpStatus status, String messageKey) {
		res.setStatus(status.value());
		PageResponder.headers(res, "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'");
		model.addAttribute("messageKey", messageKey);
		model.addAttribute("status", status.value());
		return "consentpage/consent-error";
	}

}
