package dev.assent.consentpage;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.PageLinks.Resolution;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.shared.ConfigChanges;

/**
 * Resolved and rendered consent pages, per personal link and meeting link. An entry is used only while its
 * company's configuration generation is unchanged, so a profile or settings change shows on the
 * very next view, on every node (PRODUCT P4). Only pages that exist are kept.
 */
@Component
class PageCache {

	private static final int MAX_ENTRIES = 100_000;

	private final PageLinks links;

	private final PageSettings settings;

	private final ConfigChanges changes;

	private final Clock clock;

	private final PageRenderer renderer;

	private final ConcurrentHashMap<String, Page> entries = new ConcurrentHashMap<>();

	private record Page(Found found, ConcurrentHashMap<String, Rendered> renders) {
	}

	PageCache(PageLinks links, PageRenderer renderer, PageSettings settings, ConfigChanges changes, Clock clock) {
		this.links = links;
		this.settings = settings;
		this.renderer = renderer;
		this.changes = changes;
		this.clock = clock;
	}

	private static String key(String companySlug, String memberSlug, @Nullable String meetingSlug) {
		return meetingSlug == null ? companySlug + "/" + memberSlug : companySlug + "/" + memberSlug + "/" + meetingSlug;
	}

	Resolution lookup(String companySlug, String memberSlug) {
		return lookup(companySlug, memberSlug, null);
	}

	/** The page of a personal link, or with {@code meetingSlug} of a meeting's own link. */
	Resolution lookup(String companySlug, String memberSlug, @Nullable String meetingSlug) {
		String key = key(companySlug, memberSlug, meetingSlug);
		Page page = entries.get(key);
		if (page != null && isCurrent(page.found())) {
			return page.found();
		}
		Resolution resolution;
		try {
			resolution = meetingSlug == null ? links.resolve(companySlug, memberSlug)
					: links.resolve(companySlug, memberSlug, meetingSlug);
		}
		catch (DataAccessException | TransactionException ex) {
			if (page != null) {
				// The database cannot be read (so no change can be committed either): the page as
				// last read is still shown; a decision on it is refused until the database is back.
				return page.found();
			}
			throw ex;
		}
		if (resolution instanceof Found found) {
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
			entries.put(key, new Page(found, new ConcurrentHashMap<>()));
		}
		else {
			entries.remove(key);
		}
		return resolution;
	}

	/**
	 * Whether a page still reflects its company's configuration and its room's calls (PRODUCT P4): its generation is
	 * unchanged, it is not past the time it must be read again, and this node hears other nodes' changes. Checked on
	 * every page view and decision, so nothing in it reads the database or hashes.
	 */
	private boolean isCurrent(Found found) {
		if (!changes.listening()) {
			return false;
		}
		long generation = changes.generation(found.view().companyId());
		if (found.room() != null) {
			generation += changes.roomGeneration(found.room());
		}
		return generation == found.generation() && (found.freshUntil() == null || Instant.now(clock).isBefore(found.freshUntil()));
	}

	Rendered rendered(Found found, String language) {
		Page page = entries.get(key(found.view().companySlug(), found.view().memberSlug(), found.view().meetingSlug()));
		if (page == null || page.found() != found) {
			return render(found, language);
		}
		return page.renders().computeIfAbsent(language, l -> render(found, l));
	}

	private Rendered render(Found found, String language) {
		Rendered rendered = renderer.render(found.view(), language);
		// Kept so that the decisions taken on it can name exactly what was shown.
		settings.rememberShownText(rendered.noticeSha256(), rendered.noticeHtml(), Instant.now(clock));
		return rendered;
	}

}
