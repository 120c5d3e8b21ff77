package dev.assent.integrations;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe meeting links (issue 8): every refused kind of link, through the API (members and meetings)
 * and through My Profile; links of unknown providers only when a tech admin allows them, per
 * company.
 */
@AssentIntegrationTest
class SafeLinksIntegrationTests {

	static final String[] REFUSED = { "javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=",
			"http://zoom.us/j/1", "https://zoom.us@evil.example/j/1", "https://zоom.us/j/1", "https://xn--zm-ikca.us/j/1",
			"https://127.0.0.1/j/1", "https://[::1]/j/1", "https://whereby.com/room" };

	@LocalServerPort
	int port;

	Http http;

	TestCompany company;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "links");
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "http://zoom.us/j/1",
			"https://zoom.us@evil.example/j/1", "https://zоom.us/j/1", "https://xn--zm-ikca.us/j/1", "https://127.0.0.1/j/1",
			"https://[::1]/j/1", "https://whereby.com/room" })
	void apiRefusesUnsafePersonalAndMeetingLinksSayingWhatIsAccepted(String link) {
		Http.Response created = http.json("POST", "/api/v1/members", company.apiToken(),
				Map.of("name", "Kim", "email", "kim-" + suffix() + "@x.example", "personalMeetingUrl", link));
		assertThat(created.status()).isEqualTo(400);
		assertThat(created.json().get("errors").get("personalMeetingUrl").asString())
			.contains("accepted are https:// links on a meeting provider's own domain", "Zoom (zoom.us");

		String id = company.member(http, "Lee " + suffix(), "lee-" + suffix(), "https://zoom.us/j/1").get("id").asString();
		Http.Response patched = http.json("PATCH", "/api/v1/members/" + id, company.apiToken(),
				Map.of("personalMeetingUrl", link));
		assertThat(patched.status()).isEqualTo(400);
		assertThat(company.get(http, "/api/v1/members/" + id).get("personalMeetingUrl").asString()).isEqualTo("https://zoom.us/j/1");

		Map<String, Object> meeting = new HashMap<>(Map.of("title", "Demo", "organizerEmail", "lee@x.example", "start",
				"2031-03-04T10:00", "end", "2031-03-04T10:30", "timeZone", "UTC", "joinUrl", link));
		Http.Response scheduled = http.json("POST", "/api/v1/meetings", company.apiToken(), meeting);
		assertThat(scheduled.status()).isEqualTo(400);
		assertThat(scheduled.json().get("errors").get("joinUrl").asString()).contains("accepted are https:// links");
	}

	@Test
	void myProfileRefusesEveryUnsafeKindAndKeepsTheSavedLink() {
		String email = "rita-" + suffix() + "@x.example";
		company.post(http, "/api/v1/members", Map.of("name", "Rita Rep", "email", email, "slug", "rita", "recorded", true,
				"password", "rita-password-12345", "personalMeetingUrl", "https://meet.google.com/abc-defg-hij"));
		Http rita = new Http(port);
		Map<String, String> login = new LinkedHashMap<>();
		login.put("_csrf", Http.hiddenFields(rita.get("/login").body()).get("_csrf"));
		login.put("username", email);
		login.put("password", "rita-password-12345");
		assertThat(rita.form("/login", login).header("Location")).endsWith("/admin/me");

		for (String link : REFUSED) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("_csrf", Http.hiddenFields(rita.get("/admin/me").body()).get("_csrf"));
			form.put("personalMeetingUrl", link);
			Http.Response r = rita.form("/admin/me", form);
			assertThat(r.status()).as(link).isEqualTo(422);
			assertThat(Jsoup.parse(r.body()).select("#personalMeetingUrl-error").text()).as(link)
				.contains("accepted are https:// links on a meeting provider's own domain");
		}
		assertThat(company.get(http, "/api/v1/members?q=rita").get("items").get(0).get("personalMeetingUrl").asString())
			.isEqualTo("https://meet.google.com/abc-defg-hij");
	}

	@Test
	void linksOfOtherProvidersOnlyWhereATechAdminAllowsThem() {
		TestCompany other = TestCompany.create(http, "links-other");
		company.json(http, "PUT", "/api/v1/integrations/other-links", Map.of("allowed", true));

		assertThat(company.member(http, "Kim", "kim", "https://whereby.com/kim").get("personalMeetingUrl").asString())
			.isEqualTo("https://whereby.com/kim");
		assertThat(company.get(http, "/api/v1/integrations").get("otherLinksAllowed").asBoolean()).isTrue();
		// the other company has not allowed them (T1)
		assertThat(other.get(http, "/api/v1/integrations").get("otherLinksAllowed").asBoolean()).isFalse();
		Http.Response refused = http.json("POST", "/api/v1/members", other.apiToken(),
				Map.of("name", "Kim", "email", "kim@o.example", "personalMeetingUrl", "https://whereby.com/kim"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get("personalMeetingUrl").asString())
			.contains("not on a known meeting provider's domain", "tech admin allows them under Integrations");
		// allowing other providers never lets the unsafe kinds through
		Http.Response unsafe = http.json("POST", "/api/v1/members", company.apiToken(),
				Map.of("name", "Ann", "email", "ann@x.example", "personalMeetingUrl", "https://127.0.0.1/room"));
		assertThat(unsafe.status()).isEqualTo(400);

		company.json(http, "PUT", "/api/v1/integrations/other-links", Map.of("allowed", false));
		assertThat(http.json("POST", "/api/v1/members", company.apiToken(),
				Map.of("name", "Bo", "email", "bo@x.example", "personalMeetingUrl", "https://whereby.com/bo")).status())
			.isEqualTo(400);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
