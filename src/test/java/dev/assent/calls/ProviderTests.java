package dev.assent.calls;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which providers let one participant opt out (PRODUCT C4), recognised from their links. */
class ProviderTests {

	@ParameterizedTest
	@CsvSource({ "https://us02web.zoom.us/j/81234567890, ZOOM, true", "https://meet.google.com/abc-defg-hij, GOOGLE_MEET, true",
			"https://teams.microsoft.com/l/meetup-join/x, MICROSOFT_TEAMS, true", "https://acme.webex.com/meet/x, WEBEX, true",
			"https://meet.goto.com/123456789, GOTOMEETING, true", "https://join.me/acme, JOIN_ME, true",
			"https://app.chime.aws/meetings/123, AMAZON_CHIME, true", "https://meetings.ringcentral.com/j/1, RINGCENTRAL_MEETINGS, true",
			"https://v.ringcentral.com/join/1, RINGCENTRAL_VIDEO, true", "https://whereby.com/room, OTHER, false",
			"https://zoom.us.evil.example/j/1, OTHER, false", "not a url, OTHER, false" })
	void recognisesProvidersAndTheirOptOutSupport(String url, Provider expected, boolean optOut) {
		assertThat(Provider.fromUrl(url)).isEqualTo(expected);
		assertThat(Provider.fromUrl(url).supportsOptOut()).isEqualTo(optOut);
	}

	@ParameterizedTest
	@CsvSource({ "http://zoom.localhost:8089/j/1, ZOOM", "https://video.example.org/j/1, OTHER" })
	void acceptsExtraDomainsPerProvider(String url, Provider expected) {
		var domains = new ProviderDomains(Map.of(Provider.ZOOM, List.of("zoom.localhost")));
		assertThat(domains.of(url)).isEqualTo(expected);
	}

}
