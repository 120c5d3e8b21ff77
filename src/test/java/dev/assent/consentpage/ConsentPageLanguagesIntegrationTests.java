package dev.assent.consentpage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import dev.assent.shared.Languages;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent page speaks the participant's language among those its profile enables (PRODUCT C8). */
@AssentIntegrationTest
class ConsentPageLanguagesIntegrationTests {

	/** What browsers of each language send, as in STACK gotcha 13 (nb-NO, zh-Hans, pt-BR). */
	static final Map<String, String> BROWSERS = Map.ofEntries(Map.entry("en", "en-GB,en;q=0.9"),
			Map.entry("ar", "ar-EG,ar;q=0.9,en;q=0.5"), Map.entry("es", "es-MX,es;q=0.9"),
			Map.entry("pt", "pt-BR,pt;q=0.9,en;q=0.5"), Map.entry("de", "de-AT,de;q=0.9"),
			Map.entry("fr", "fr-CA,fr;q=0.9"), Map.entry("it", "it-IT"), Map.entry("ja", "ja"),
			Map.entry("zh", "zh-Hans-CN,zh-CN;q=0.9"), Map.entry("id", "id-ID,id;q=0.9"),
			Map.entry("no", "nb-NO,nb;q=0.9,no;q=0.8"), Map.entry("sv", "sv-SE"), Map.entry("da", "da-DK,da;q=0.9"),
			Map.entry("is", "is-IS"));

	@LocalServerPort
	int port;

	Http http;

	TestCompany company;

	String profile;

	@BeforeEach
	void companyWithAMember() {
		http = new Http(port);
		company = TestCompany.create(http, "c8");
		company.member(http, "Ana Lingua", "ana", "https://zoom.us/j/8888");
		profile = company.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
	}

	@Test
	void showsThePageInEachOfTheFourteenLanguagesByAcceptLanguage() throws IOException {
		company.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("languages", Languages.SUPPORTED));
		assertThat(BROWSERS.keySet()).containsExactlyInAnyOrderElementsOf(Languages.SUPPORTED);

		for (String language : Languages.SUPPORTED) {
			Http.Response r = http.getWith("/" + company.slug() + "/ana", "Accept-Language", BROWSERS.get(language));
			Document page = Jsoup.parse(r.body());
			Properties texts = bundle(language);

			assertThat(r.status()).isEqualTo(200);
			assertThat(r.header("Content-Language")).as(language).isEqualTo(language);
			assertThat(page.select("html").attr("lang")).as(language).isEqualTo(language);
			assertThat(page.select("html").attr("dir")).as(language).isEqualTo(language.equals("ar") ? "rtl" : "ltr");
			assertThat(page.select("button[value=RECORD]").text()).as(language)
				.isEqualTo(texts.getProperty("consent.choice.RECORD"));
			assertThat(page.select("button[value=DONT_RECORD]").text()).as(language)
				.isEqualTo(texts.getProperty("consent.choice.DONT_RECORD"));
			assertThat(page.select("#notice-heading").text()).as(language)
				.isEqualTo(texts.getProperty("consent.notice.heading"));
			assertThat(page.select("input[name=lang]").val()).isEqualTo(language);
		}
	}

	@Test
	void isolatesACompanysEnglishNoticeOnTheArabicPage() { // C8, issue 10: RTL punctuation must not garble it
		company.patch(http, "/api/v1/consent-profiles/" + profile,
				Map.of("languages", List.of("ar", "en"), "noticeHtml", "<p>We record calls for coaching (30 days).</p>"));

		Document page = Jsoup.parse(http.getWith("/" + company.slug() + "/ana", "Accept-Language", "ar").body());

		assertThat(page.select("html").attr("dir")).isEqualTo("rtl");
		assertThat(page.select(".notice-text").attr("dir")).as("the notice takes its direction from its own text")
			.isEqualTo("auto");
		assertThat(page.select(".notice-text").text()).isEqualTo("We record calls for coaching (30 days).");
		assertThat(page.select(".company").attr("dir")).as("the company's name too").isEqualTo("auto");
	}

	@Test
	void offersOnlyTheLanguagesTheProfileEnablesFirstOneFirst() {
		company.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("languages", List.of("de", "fr")));
		String path = "/" + company.slug() + "/ana";

		assertThat(lang(http.getWith(path, "Accept-Language", "fr-FR,fr;q=0.9"))).isEqualTo("fr");
		assertThat(lang(http.getWith(path, "Accept-Language", "ja,ar;q=0.8"))).as("not enabled: the first enabled")
			.isEqualTo("de");
		assertThat(lang(http.getWith(path, "Accept-Language", "en-US,fr;q=0.5"))).as("English is not enabled")
			.isEqualTo("fr");
		assertThat(lang(http.get(path))).as("no header").isEqualTo("de");
		assertThat(lang(http.getWith(path, "Accept-Language", "nonsense;;q=x"))).as("a malformed header").isEqualTo("de");
	}

	@Test
	void arabicPageRunsRightToLeftAndSoDoItsErrors() throws IOException {
		company.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("languages", List.of("en", "ar")));
		Http.Response page = http.getWith("/" + company.slug() + "/ana", "Accept-Language", "ar");
		assertThat(Jsoup.parse(page.body()).select("html[dir=rtl][lang=ar]")).hasSize(1);

		Http.Response missing = http.getWith("/" + company.slug() + "/nobody", "Accept-Language", "ar-SA");
		Document error = Jsoup.parse(missing.body());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(error.select("html[dir=rtl][lang=ar]")).hasSize(1);
		assertThat(error.select("h1").text()).isEqualTo(bundle("ar").getProperty("consent.error.notFound.title"));

		Map<String, String> form = Http.hiddenFields(page.body());
		form.remove("_csrf");
		form.put("choice", "RECORD");
		Http.Response expired = http.form("/" + company.slug() + "/ana", form);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(Jsoup.parse(expired.body()).select("h1").text())
			.as("the error of a page read in Arabic is in Arabic")
			.isEqualTo(bundle("ar").getProperty("consent.error.expired.title"));
	}

	@Test
	void errorPagesFollowTheBrowserLanguage() throws IOException {
		Http.Response r = http.getWith("/" + company.slug() + "/nobody", "Accept-Language", "ja-JP,ja;q=0.9");
		Document page = Jsoup.parse(r.body());
		assertThat(page.select("html").attr("lang")).isEqualTo("ja");
		assertThat(page.select("h1").text()).isEqualTo(bundle("ja").getProperty("consent.error.notFound.title"));
		assertThat(lang(http.getWith("/" + company.slug() + "/nobody", "Accept-Language", "ru-RU,ru;q=0.9")))
			.as("an unsupported language reads English").isEqualTo("en");
	}

	private static String lang(Http.Response r) {
		return Jsoup.parse(r.body()).select("html").attr("lang");
	}

	@Test
	void anUnknownProvidersPageNamesItInTheParticipantsLanguageNotInEnglish() throws IOException { // C4, C8
		// links of providers Assent does not know only when a tech admin allows them (issue 8)
		company.json(http, "PUT", "/api/v1/integrations/other-links", Map.of("allowed", true));
		company.member(http, "Otto Other", "otto", "https://whereby.com/otto-room");
		company.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("languages", Languages.SUPPORTED));

		for (String language : Languages.SUPPORTED) {
			String body = http.getWith("/" + company.slug() + "/otto", "Accept-Language", BROWSERS.get(language)).body();
			String explained = Jsoup.parse(body).select("p.explain").text();
			assertThat(explained).as(language).isEqualTo(bundle(language).getProperty("consent.explain.implicit.other"));
			assertThat(body).as(language).doesNotContain("your meeting provider");
		}
	}

	static Properties bundle(String language) throws IOException {
		Properties p = new Properties();
		String file = language.equals("en") ? "messages.properties" : "messages_" + language + ".properties";
		try (var in = new java.io.InputStreamReader(new ClassPathResource(file).getInputStream(),
				java.nio.charset.StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}

}
