package dev.assent.calls;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.StaticMessageSource;

import dev.assent.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Safe meeting links (issue 8; DESIGN "URLs validated against the provider's domains"): the company-independent checks. */
class MeetingLinksTests {

	private final MeetingLinks links = new MeetingLinks(
			new ProviderDomains(Map.of(Provider.ZOOM, List.of("zoom.example.org"))), null, null);

	@ParameterizedTest
	@CsvSource({ "https://us02web.zoom.us/j/81234567890?pwd=abc, ZOOM", "https://meet.google.com/abc-defg-hij, GOOGLE_MEET",
			"https://teams.microsoft.com/l/meetup-join/19%3ameeting_x, MICROSOFT_TEAMS", "https://acme.webex.com/meet/kim, WEBEX",
			"https://meet.goto.com/123456789, GOTOMEETING", "https://ZOOM.US/j/1, ZOOM", "https://zoom.example.org/j/1, ZOOM",
			"https://whereby.com/kim, OTHER" })
	void acceptsHttpsLinksAndRecognisesTheirProvider(String link, Provider provider) {
		assertThat(links.check("personalMeetingUrl", link).provider()).isEqualTo(provider);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "javascript:alert(1)//zoom.us|must be an https:// link, not javascript:",
			"data:text/html;base64,PHNjcmlwdD4=|must be an https:// link, not data:",
			"http://zoom.us/j/1|must be an https:// link, not http:", "ftp://zoom.us/j/1|must be an https:// link, not ftp:",
			"//zoom.us/j/1|must be an https:// link", "https://zoom.us@evil.example/j/1|user name",
			"https://user:pass@zoom.us/j/1|user name", "https://evil.example%40zoom.us/j/1|not a valid link",
			"https://zооm.us/j/1|non-ASCII", "https://xn--zm-ikca.us/j/1|punycode", "https://meet.xn--ggle-0nda.com/x|punycode",
			"https://127.0.0.1/j/1|IP address", "https://[::1]/j/1|IP address", "https://2130706433/j/1|IP address",
			"https://0x7f.0.0.1/j/1|IP address", "https://10.0.0.1:8443/x|IP address", "not a link|not a valid link" })
	void refusesUnsafeLinksSayingWhatIsAccepted(String link, String why) {
		assertThatThrownBy(() -> links.check("personalMeetingUrl", link)).isInstanceOf(InvalidInput.class)
			.satisfies(ex -> assertThat(((InvalidInput) ex).fields().get("personalMeetingUrl")).contains(why)
				.contains("accepted are https:// links on a meeting provider's own domain", "Zoom (zoom.us, zoomgov.com, zoom.example.org)",
						"Google Meet (meet.google.com)"));
	}

	@Test
	void saysWhatIsAcceptedInTheReadersLanguage() { // issue 10: a code with arguments, not an English sentence as argument
		InvalidInput ex = catchThrowableOfType(InvalidInput.class, () -> links.check("personalMeetingUrl", "not a link"));
		assertThat(ex.code()).isEqualTo("invalid.link.invalid");
		assertThat(ex.args()).singleElement().isInstanceOf(MessageSourceResolvable.class);
		assertThat(((MessageSourceResolvable) ex.args()[0]).getCodes()).containsExactly("invalid.link.accepted");
		StaticMessageSource german = new StaticMessageSource();
		german.addMessage("invalid.link.invalid", Locale.GERMAN, "ist kein gültiger Link; {0}");
		german.addMessage("invalid.link.accepted", Locale.GERMAN,
				"erlaubt sind https://-Links auf der eigenen Domain eines Meeting-Anbieters: {0}.");

		assertThat(ex.message(german, Locale.GERMAN)).startsWith(
				"ist kein gültiger Link; erlaubt sind https://-Links auf der eigenen Domain eines Meeting-Anbieters: "
						+ "Zoom (zoom.us, zoomgov.com, zoom.example.org), Google Meet (meet.google.com)")
			.endsWith(").")
			.doesNotContain("accepted are");
		// English, from the bundle, as before
		assertThat(ex.fields().get("personalMeetingUrl")).startsWith(
				"is not a valid link; accepted are https:// links on a meeting provider's own domain: Zoom (zoom.us");
	}

	@Test
	void refusesOverlongLinks() {
		assertThatThrownBy(() -> links.check("joinUrl", "https://zoom.us/j/" + "1".repeat(2048)))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("at most 2048");
	}

	@Test
	void acceptsPlainHttpOnlyWhenTheDeploymentAllowsIt() {
		MeetingLinks dev = new MeetingLinks(new ProviderDomains(Map.of(Provider.ZOOM, List.of("zoom.localhost")), true), null,
				null);
		assertThat(dev.check("joinUrl", "http://zoom.localhost:8089/j/1").provider()).isEqualTo(Provider.ZOOM);
	}

}
