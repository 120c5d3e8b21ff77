package dev.assent.consentpage;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import dev.assent.consentpage.PageLinks.Disconnected;
import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.PageLinks.Moved;
import dev.assent.consentpage.PageLinks.Resolution;
import dev.assent.shared.Languages;

/**
 * The public consent page (PRODUCT C1–C4, C7, C10), personal {@code /{company}/{member}} and a
 * meeting's own {@code /{company}/{member}/{meeting}}: the page itself when the lean filter did not
 * answer, friendly errors, and the decision POST. A GET never records anything.
 */
@Controller
class ConsentPageController {

	private static final Logger log = LoggerFactory.getLogger(ConsentPageController.class);

	private static final String SLUG = "{company:[a-z0-9-]{1,48}}/{member:[a-z0-9-]{1,48}}";

	private static final String MEETING = SLUG + "/{meeting:[a-z0-9]{6,16}}";

	private final PageCache cache;

	private final PageResponder responder;

	private final ConsentPageManagement pages;

	private final DecisionDesk desk;

	ConsentPageController(PageCache cache, PageResponder responder, ConsentPageManagement pages, DecisionDesk desk) {
		this.cache = cache;
		this.responder = responder;
		this.pages = pages;
		this.desk = desk;
	}

	@GetMapping({ "/" + SLUG, "/" + MEETING })
	@Nullable String page(@PathVariable String company, @PathVariable String member,
			@PathVariable(required = false) @Nullable String meeting, HttpServletRequest req, HttpServletResponse res,
			Model model) throws IOException {
		Resolution resolution = cache.lookup(company, member, meeting);
		if (resolution instanceof Found found && responder.write(found, req, res)) {
			return null;
		}
		if (resolution instanceof Disconnected gone) {
			return disconnected(gone, HttpStatus.OK, req, res, model);
		}
		if (resolution instanceof Moved moved) {
			String query = req.getQueryString();
			res.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
			res.setHeader(HttpHeaders.LOCATION, moved.path() + (query == null ? "" : "?" + query));
			return null;
		}
		return notFound(req, res, model);
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

	@PostMapping(path = { "/" + SLUG, "/" + MEETING }, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Nullable String decide(@PathVariable String company, @PathVariable String member,
			@PathVariable(required = false) @Nullable String meeting, HttpServletRequest req, HttpServletResponse res,
			Model model) {
		Resolution resolution = cache.lookup(company, member, meeting);
		if (resolution instanceof Moved moved) {
			// permanent, and the form is sent again to the new link (C5, C9)
			res.setStatus(HttpStatus.PERMANENT_REDIRECT.value());
			res.setHeader(HttpHeaders.LOCATION, moved.path());
			return null;
		}
		if (resolution instanceof Disconnected gone) {
			return disconnected(gone, HttpStatus.CONFLICT, req, res, model);
		}
		if (!(resolution instanceof Found found)) {
			return notFound(req, res, model);
		}
		model.addAttribute("pagePath", found.view().path());
		DecisionDesk.Result result = desk.decide(found, req);
		if (result instanceof DecisionDesk.Refused refused) {
			if (refused.retryAfterSeconds() > 0) {
				res.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
			}
			String lang = req.getParameter("lang");
			return problem(req, res, model, refused.status(), refused.messageKey(),
					lang != null && found.view().languages().contains(lang) && Languages.isSupported(lang) ? lang
							: PageRenderer.language(found.view().languages(), req.getHeader("Accept-Language")));
		}
		redirect(res, ((DecisionDesk.Decided) result).location());
		return null;
	}

	/**
	 * The database is unreachable or failing while a page is resolved (issue 7): the participant
	 * gets a page in their language that says to try again, {@code 503} with {@code Retry-After} —
	 * never a {@code 500}, never the meeting without their decision.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ModelAndView unavailable(Exception ex, HttpServletRequest req, HttpServletResponse res) {
		log.warn("Consent page not answered, the database is unavailable: {}", ex.toString());
		res.setHeader(HttpHeaders.RETRY_AFTER, "5");
		ExtendedModelMap model = new ExtendedModelMap();
		String view = problem(req, res, model, HttpStatus.SERVICE_UNAVAILABLE,
				"POST".equals(req.getMethod()) ? "consent.error.unavailable" : "consent.error.pageUnavailable",
				Languages.bestMatch(Languages.SUPPORTED, req.getHeader("Accept-Language")));
		return new ModelAndView(view, model.asMap());
	}

	static void redirect(HttpServletResponse res, String location) {
		res.setStatus(HttpStatus.SEE_OTHER.value());
		res.setHeader(HttpHeaders.LOCATION, location);
		res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// a participant who decided is shown the decision and offered to withdraw it when they come back (X2)
		res.addHeader(HttpHeaders.SET_COOKIE, PageResponder.DECIDED_COOKIE + "=1; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
	}

	/**
	 * The page of a dynamic meeting whose provider was disconnected (PRODUCT L5), in the
	 * participant's language: what happened, and the host's static link when there is one. Nothing
	 * is recorded here.
	 */
	private static String disconnected(Disconnected gone, HttpStatus status, HttpServletRequest req,
			HttpServletResponse res, Model model) {
		String language = PageRenderer.language(gone.languages(), req.getHeader("Accept-Language"));
		req.setAttribute(Languages.REQUEST_ATTRIBUTE, language);
		res.setHeader(HttpHeaders.CONTENT_LANGUAGE, language);
		res.setStatus(status.value());
		PageResponder.headers(res, "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'");
		model.addAttribute("lang", language);
		model.addAttribute("rtl", Languages.isRightToLeft(language));
		model.addAttribute("page", gone);
		return "consentpage/meeting-disconnected";
	}

	private static String notFound(HttpServletRequest req, HttpServletResponse res, Model model) {
		return problem(req, res, model, HttpStatus.NOT_FOUND, "consent.error.notFound",
				Languages.bestMatch(Languages.SUPPORTED, req.getHeader("Accept-Language")));
	}

	/** A friendly error page in the participant's language (PRODUCT C8), right to left in Arabic. */
	private static String problem(HttpServletRequest req, HttpServletResponse res, Model model, HttpStatus status,
			String messageKey, String language) {
		req.setAttribute(Languages.REQUEST_ATTRIBUTE, language);
		res.setHeader(HttpHeaders.CONTENT_LANGUAGE, language);
		model.addAttribute("lang", language);
		model.addAttribute("rtl", Languages.isRightToLeft(language));
		res.setStatus(status.value());
		PageResponder.headers(res, "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'");
		model.addAttribute("messageKey", messageKey);
		model.addAttribute("status", status.value());
		return "consentpage/consent-error";
	}

}
