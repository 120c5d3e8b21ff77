package dev.assent.consentpage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.PageRenderer.Rendered;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.shared.ConfigChanges;
import dev.assent.support.MutableClock;
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

	private final PageLinks links = mock(PageLinks.class);

	private final PageRenderer renderer = mock(PageRenderer.class);

	private final ConfigChanges changes = mock(ConfigChanges.class);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));

	private final PageCache cache = new PageCache(links, renderer, mock(PageSettings.class), changes, clock);

	private final PageView view = new PageView(UUID.randomUUID(), "Acme Corp", "acme", UUID.randomUUID(),
			"Michael Scott", "michael", UUID.randomUUID(), 1, ParticipantChoice.MAY_OPT_OUT, Provider.ZOOM,
			"https://zoom.us/j/1", null, null, null, List.of("en", "de"), List.of(Choice.RECORD, Choice.DONT_RECORD),
			null, null, null, null, false, List.of(), dev.assent.profiles.LawfulBasis.CONSENT, null);

	@Test
	void rendersEachLanguageOnceWhileTheConfigurationIsUnchanged() {
		Found found = new Found(view, 7);
		when(links.resolve("acme", "michael")).thenReturn(found);
		when(changes.listening()).thenReturn(true);
		when(changes.generation(view.companyId())).thenReturn(7L);
		when(renderer.render(any(), anyString()))
			.thenAnswer(i -> new Rendered(i.getArgument(1), "sha", "<p>n</p>", "csp", new byte[0], new byte[0], new byte[0]));

		for (int i = 0; i < 5; i++) {
			Found hit = (Found) cache.lookup("acme", "michael");
			assertThat(cache.rendered(hit, "en").language()).isEqualTo("en");
			assertThat(cache.rendered(hit, "de").language()).isEqualTo("de");
		}

		verify(links, times(1)).resolve("acme", "michael");
		verify(renderer, times(1)).render(view, "en");
		verify(renderer, times(1)).render(view, "de");
	}

	@Test
	void readsAgainOnceTheConfigurationChanged() {
		Found old = new Found(view, 7);
		Found fresh = new Found(view, 8);
		when(links.resolve("acme", "michael")).thenReturn(old, fresh);
		when(changes.listening()).thenReturn(true);
		// Changed after the first page was read.
		when(changes.generation(view.companyId())).thenReturn(8L);
		when(renderer.render(any(), anyString()))
			.thenAnswer(i -> new Rendered(i.getArgument(1), "sha", "<p>n</p>", "csp", new byte[0], new byte[0], new byte[0]));

		cache.rendered((Found) cache.lookup("acme", "michael"), "en");
		Found second = (Found) cache.lookup("acme", "michael");
		cache.rendered(second, "en");

		assertThat(second).isSameAs(fresh);
		verify(links, times(2)).resolve("acme", "michael");
		verify(renderer, times(2)).render(view, "en");
	}

	@Test
	void readsAgainOnceTheRoomsCallsChanged() {
		Found old = new Found(view, 7);
		Found fresh = new Found(view, 8);
		when(links.resolve("acme", "michael")).thenReturn(old, fresh);
		when(changes.listening()).thenReturn(true);
		when(changes.generation(view.companyId())).thenReturn(7L);
		// A call of the page's room stopped after the first page was read.
		when(changes.roomGeneration(ConfigChanges.Room.of(view.companyId(), view.joinUrl()))).thenReturn(1L);

		assertThat(cache.lookup("acme", "michael")).isSameAs(old);
		assertThat(cache.lookup("acme", "michael")).isSameAs(fresh);
	}

	@Test
	void readsAgainPastThePagesRecheckTimeAndWhileNotHearingOtherNodes() {
		Found dynamic = new Found(view, 7, clock.instant().plusSeconds(30));
		when(links.resolve("acme", "michael")).thenReturn(dynamic);
		when(changes.generation(view.companyId())).thenReturn(7L);
		when(changes.listening()).thenReturn(true);

		cache.lookup("acme", "michael");
		cache.lookup("acme", "michael");
		verify(links, times(1)).resolve("acme", "michael");

		clock.advance(java.time.Duration.ofSeconds(30));
		cache.lookup("acme", "michael");
		verify(links, times(2)).resolve("acme", "michael");

		when(changes.listening()).thenReturn(false);
		cache.lookup("acme", "michael");
		verify(links, times(3)).resolve("acme", "michael");
	}

}
