package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.assent.calls.Provider;
import dev.assent.profiles.LawfulBasis;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.profiles.Purpose;
import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members' pages that differ only in name and address share one rendering of the template; what a
 * participant gets must be, byte for byte, what the template makes for that member (PRODUCT C1, C8).
 */
@AssentIntegrationTest
class PageRendererSkeletonIntegrationTests {

	private static final List<String> NAMES = List.of("Michael Scott", "Dwight K. Schrute", "O'Brien & \"Sons\" <Ltd>",
			"<script>alert(1)</script>", "سارة العلي", "Zoë 😀 Łukasz", "{0} '' {1}", "AssentCsrfMark7f3a");

	@Autowired
	PageRenderer renderer;

	@Test
	void everyMemberSharingASkeletonGetsTheTemplatesOwnPage() {
		UUID company = UUID.randomUUID();
		UUID profile = UUID.randomUUID();
		for (String language : List.of("en", "de", "ar")) {
			for (int i = 0; i < NAMES.size(); i++) {
				PageView view = view(company, profile, NAMES.get(i), "member-" + i, i % 2 == 0 ? null : "kickoff-" + i,
						"https://zoom.us/j/" + i, List.of(Choice.RECORD, Choice.DONT_RECORD));
				assertSameAsTemplate(view, language);
			}
		}
	}

	@Test
	void pagesOfEveryShapeMatchTheTemplate() {
		UUID company = UUID.randomUUID();
		UUID profile = UUID.randomUUID();
		// must consent, implicit (no opt-out), no link yet: each a different skeleton
		assertSameAsTemplate(view(company, profile, "Pam Beesly", "pam", null, "https://zoom.us/j/9", List.of(Choice.CONSENT)),
				"en");
		assertSameAsTemplate(view(company, profile, "Jim Halpert", "jim", null, "https://meet.example/x", List.of(Choice.JOIN)),
				"fr");
		assertSameAsTemplate(view(company, profile, "Kevin Malone", "kevin", null, null, List.of()), "en");
		assertSameAsTemplate(view(company, profile, "Kelly Kapoor", "kelly", null, null, List.of()), "en");
	}

	private void assertSameAsTemplate(PageView view, String language) {
		PageRenderer.Rendered rendered = renderer.render(view, language);
		String served = new String(rendered.bytes("csrf-token-1", "view-key-1"), StandardCharsets.UTF_8);
		assertThat(served).as("%s in %s", view.memberName(), language)
			.isEqualTo(renderer.process(view, language, "csrf-token-1", "view-key-1"))
			.doesNotContain("AssentNameMark", "AssentActionMark");
		if (!view.choices().isEmpty()) {
			assertThat(served).contains("action=\"" + view.path() + "\"");
		}
	}

	private static PageView view(UUID company, UUID profile, String name, String slug, String meetingSlug, String joinUrl,
			List<Choice> choices) {
		return new PageView(company, "Acme & Co", "acme", UUID.randomUUID(), name, slug, profile, 1,
				ParticipantChoice.MAY_OPT_OUT, Provider.ZOOM, joinUrl, null, "https://acme.example/privacy", null,
				List.of("en", "de", "ar", "fr"), choices, null, null, meetingSlug == null ? null : UUID.randomUUID(),
				meetingSlug, false, choices.size() == 2 ? List.of(Purpose.TRANSCRIPTION) : List.of(), LawfulBasis.CONSENT,
				null);
	}

}
