package dev.assent.consentpage;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.assent.consentpage.ConsentPageManagement.Found;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.calls.Provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The lean path renders a page once per language and configuration generation, not per view. */
class PageCacheUnitTests {

	private final ConsentPageManagement pages = mock(ConsentPageManagement.class);

	private final PageRenderer renderer = mock(PageRenderer.class);

	private final PageCache cache = new PageCache(pages, renderer);

	private final PageView view = new PageView(UUID.randomUUID(), "Acme Corp", "acme", UUID.randomUUID(),
			"Michael Scott", "michael", UUID.randomUUID(), 1, ParticipantChoice.MAY_OPT_OUT, Provider.ZOOM,
			"https://zoom.us/j/1", null, null, null, List.of("en", "de"), List.of(Choice.RECORD, Choice.DONT_RECORD),
			null, null, null, null, false, List.of(), dev.assent.profiles.LawfulBasis.CONSENT, null);

	@Test
	void rendersEachLanguageOnceWhileTheConfigurationIsUnchanged() {
		Found found = new Found(view, 7);
		when(pages.resolve("acme", "michael")).thenReturn(found);
		when(pages.isCurrent(found)).thenReturn(true);
		when(renderer.render(any(), anyString()))
			.thenAnswer(i -> new Rendered(i.getArgument(1), "sha", "<p>n</p>", "csp", new byte[0], new byte[0], new byte[0]));

		for (int i = 0; i < 5; i++) {
			Found hit = (Found) cache.lookup("acme", "michael");
			assertThat(cache.rendered(hit, "en").language()).isEqualTo("en");
			assertThat(cache.rendered(hit, "de").language()).isEqualTo("de");
		}

		verify(pages, times(1)).resolve("acme", "michael");
		verify(renderer, times(1)).render(view, "en");
		verify(renderer, times(1)).render(view, "de");
	}

	@Test
	void readsAgainOnceTheConfigurationChanged() {
		Found old = new Found(view, 7);
		Found fresh = new Found(view, 8);
		when(pages.resolve("acme", "michael")).thenReturn(old, fresh);
		when(pages.isCurrent(old)).thenReturn(false);
		when(pages.isCurrent(fresh)).thenReturn(true);
		when(renderer.render(any(), anyString()))
			.thenAnswer(i -> new Rendered(i.getArgument(1), "sha", "<p>n</p>", "csp", new byte[0], new byte[0], new byte[0]));

		cache.rendered((Found) cache.lookup("acme", "michael"), "en");
		Found second = (Found) cache.lookup("acme", "michael");
		cache.rendered(second, "en");

		assertThat(second).isSameAs(fresh);
		verify(pages, times(2)).resolve("acme", "michael");
		verify(renderer, times(2)).render(view, "en");
	}

}
