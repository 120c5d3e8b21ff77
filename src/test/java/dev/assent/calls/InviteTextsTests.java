package dev.assent.calls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.assent.calls.spi.NoDialIn;
import dev.assent.shared.Languages;

import static org.assertj.core.api.Assertions.assertThat;

/** The invite text of a meeting in the languages of C8 (PRODUCT J2), from the {@code invite/messages} bundles. */
class InviteTextsTests {

	static final List<String> LANGUAGES = Languages.SUPPORTED;

	private static final String LINK = "https://assent.example/acme/michael";

	/** A static link's invite: no dial-in lines. */
	private static final DynamicLinks.DialInInfo NO_LINES = new DynamicLinks.DialInInfo(null, "", null, null);

	/** A Zoom meeting with two numbers and the provider's list. */
	private static final DynamicLinks.DialInInfo NUMBERS = new DynamicLinks.DialInInfo(
			new Invitation.DialIn(List.of("+1 555 0100 (US, New York)", "+49 30 5679 5800 (DE)"), "https://zoom.us/zoomconference"),
			"Zoom's dial-in numbers for this meeting.", null, "Zoom");

	private static DynamicLinks.DialInInfo none(NoDialIn why, String provider) {
		return new DynamicLinks.DialInInfo(null, "", why, provider);
	}

	/** Monday 4 March 2030, 10:00–10:30 in Berlin. */
	private static Meeting meeting(@Nullable String recurrence) {
		Instant start = ZonedDateTime.of(2030, 3, 4, 10, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
		return new Meeting(UUID.randomUUID(), UUID.randomUUID(), "Discovery call", "michael@acme.example", Provider.ZOOM,
				"https://zoom.us/j/81234567890", start, start.plusSeconds(1800), "Europe/Berlin", recurrence, List.of(),
				List.of(), List.of(), MeetingLinkType.STATIC, UUID.randomUUID(), null, null, start, start, null, "abcdefghij",
				null, List.of());
	}

	@Test
	void keepsTheEnglishInvite() { // J2
		String text = InviteTexts.in("en").text(meeting("FREQ=WEEKLY;COUNT=4"), "Acme", LINK, NO_LINES);

		assertThat(text).isEqualTo("""
				Discovery call
				Monday, 4 March 2030, 10:00–10:30 (Europe/Berlin)
				Repeats every week on Monday, 4 times

				This meeting is recorded by Acme. Join through %s to choose whether you are recorded.""".formatted(LINK));
	}

	@Test
	void writesTheInviteInGerman() { // J2, C8
		String text = InviteTexts.in("de").text(meeting("FREQ=MONTHLY;BYDAY=1MO;UNTIL=20301231T000000Z"), "Acme", LINK,
				NO_LINES);

		assertThat(text).isEqualTo("""
				Discovery call
				Montag, 4. März 2030, 10:00–10:30 (Europe/Berlin)
				Wiederholt sich monatlich am ersten Montag, bis 31. Dezember 2030

				Dieses Meeting wird von Acme aufgezeichnet. Treten Sie über %s bei, um zu entscheiden, ob Sie \
				aufgezeichnet werden.""".formatted(LINK));
	}

	@Test
	void writesTheInviteInArabic() { // J2, C8
		String text = InviteTexts.in("ar").text(meeting("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"), "Acme", LINK, NO_LINES);

		assertThat(text).startsWith("Discovery call\nالاثنين، 4 مارس 2030، 10:00–10:30 (Europe/Berlin)\n")
			.contains("يتكرر كل ", " أسابيع يوم الاثنين و", "الخميس")
			.endsWith("تُسجِّل Acme هذا الاجتماع. انضم عبر " + LINK + " لتختار ما إذا كنت توافق على تسجيلك.");
	}

	@Test
	void writesTheInviteInJapanese() { // J2, C8
		String text = InviteTexts.in("ja").text(meeting("FREQ=DAILY;COUNT=3"), "Acme", null, NO_LINES);

		assertThat(text).isEqualTo("""
				Discovery call
				2030年3月4日(月曜日) 10:00–10:30（Europe/Berlin）
				毎日繰り返し、3回

				参加: https://zoom.us/j/81234567890""");
	}

	@Test
	void writesTheDialInLinesInEnglish() { // L4, J2
		assertThat(InviteTexts.in("en").dialInLines(NUMBERS)).containsExactly("Dial in by phone:",
				"  +1 555 0100 (US, New York)", "  +49 30 5679 5800 (DE)", "More numbers: https://zoom.us/zoomconference");
		assertThat(InviteTexts.in("en").dialInLines(none(NoDialIn.NO_AUDIO_CONFERENCING, "Microsoft Teams")))
			.containsExactly("No dial-in: The organizer's Microsoft Teams account has no audio conferencing (no PSTN "
					+ "dial-in licence), so this meeting has no dial-in numbers; participants join online.");
		assertThat(InviteTexts.in("en").dialInLines(NO_LINES)).isEmpty();
	}

	@Test
	void writesTheDialInLinesInGermanAndArabic() { // L4, J2, C8
		String german = InviteTexts.in("de").text(meeting(null), "Acme", LINK, NUMBERS);
		assertThat(german).endsWith("""
				Telefonische Einwahl:
				  +1 555 0100 (US, New York)
				  +49 30 5679 5800 (DE)
				Weitere Nummern: https://zoom.us/zoomconference""");
		assertThat(String.join("\n", InviteTexts.in("de").dialInLines(none(NoDialIn.COMPUTER_AUDIO_ONLY, "Zoom"))))
			.isEqualTo("Keine telefonische Einwahl: Das Zoom-Konto bietet für dieses Meeting keine Einwahlnummern "
					+ "(nur Computer-Audio, oder keine Einwahlländer festgelegt); die Teilnehmenden nehmen online teil.");

		String arabic = InviteTexts.in("ar").text(meeting(null), "Acme", LINK, NUMBERS);
		assertThat(arabic).contains("الانضمام عبر الهاتف:\n  +1 555 0100 (US, New York)\n")
			.endsWith("أرقام أخرى: https://zoom.us/zoomconference")
			.doesNotContain("Dial in", "More numbers");
		assertThat(String.join("\n", InviteTexts.in("ar").dialInLines(none(NoDialIn.NO_AUDIO_CONFERENCING, "Microsoft Teams"))))
			.startsWith("لا يتوفر اتصال هاتفي: لا يتضمن حساب Microsoft Teams الخاص بالمنظِّم");
	}

	@Test
	void endsAMeetingOverMidnightWithItsDay() {
		Meeting m = meeting(null);
		Meeting overnight = new Meeting(m.id(), m.companyId(), m.title(), m.organizerEmail(), m.provider(), m.joinUrl(),
				m.start(), m.start().plusSeconds(15 * 3600), m.timeZone(), null, List.of(), List.of(), List.of(),
				m.linkType(), m.ownerId(), null, null, m.createdAt(), m.updatedAt(), null, m.linkSlug(), null, List.of());

		assertThat(InviteTexts.in("fr").when(overnight))
			.isEqualTo("lundi 4 mars 2030, 10:00–mardi 5 mars 2030, 01:00 (Europe/Berlin)");
	}

	@ParameterizedTest
	@FieldSource("LANGUAGES")
	void everyLanguageWritesEveryPartOfAnInvite(String language) { // C8: no key missing, no pattern broken
		InviteTexts texts = InviteTexts.in(language);
		String text = texts.text(meeting("FREQ=MONTHLY;BYDAY=-1FR,2TU,5WE;UNTIL=20301231T000000Z"), "Acme", LINK,
				NUMBERS);

		assertThat(text).contains("Discovery call", "2030", "Europe/Berlin", "Acme", LINK, "+1 555 0100 (US, New York)",
				"https://zoom.us/zoomconference")
			.doesNotContain("{", "}", "invite.");
		for (NoDialIn why : NoDialIn.values()) {
			String line = String.join("\n", texts.dialInLines(none(why, "Microsoft Teams")));
			assertThat(line).as("%s in %s", why, language).contains("Microsoft Teams").doesNotContain("{", "}", "invite.", "''");
			if (!language.equals("en")) {
				assertThat(line).as("%s in %s", why, language).doesNotContain("No dial-in", "participants join online");
			}
		}
		assertThat(texts.repeats("FREQ=YEARLY;INTERVAL=3;COUNT=2",
				ZonedDateTime.of(2030, 3, 4, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"))))
			.doesNotContain("{", "}");
		if (!language.equals("en")) {
			assertThat(text).doesNotContain("recorded by", "Repeats", "Dial in by phone", "More numbers");
		}
	}

}
