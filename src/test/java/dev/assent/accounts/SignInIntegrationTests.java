package dev.assent.accounts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in that holds: limits, sessions that end, bcrypt's 72 bytes, links from the base URL, tokens (issue 11). */
@AssentIntegrationTest
class SignInIntegrationTests {

	static final String PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	Http api;

	TestCompany company;

	@BeforeEach
	void setUp() {
		api = new Http(port);
		company = TestCompany.create(api, "signin");
	}

	@AfterEach
	void forgetFailures() {
		// Every test signs in from 127.0.0.1: leave the address's count as it was for other test classes.
		jdbc.sql("delete from accounts.sign_in_failures where key like 'address:%'").update();
	}

	@Test
	void twentyWrongPasswordsAreLimitedAndTheRightOneWorksAfterTheWindow() {
		String email = admin("limit");
		Http browser = new Http(port);
		for (int i = 0; i < 20; i++) {
			Http.Response wrong = signIn(browser, email, "wrong password number " + i);
			assertThat(wrong.status()).isEqualTo(302);
		}
		Http.Response limited = signIn(browser, email, PASSWORD);
		assertThat(limited.header("Location")).endsWith("/login?limited");
		assertThat(browser.get("/login?limited").body()).contains("Too many failed sign-ins");

		Instant before = clock.instant();
		try {
			clock.advance(Duration.ofMinutes(16));
			assertThat(signIn(browser, email, PASSWORD).header("Location")).endsWith("/admin");
		}
		finally {
			clock.set(before);
		}
	}

	@Test
	void manyAccountsTriedFromOneAddressAreLimitedToo() {
		String email = admin("spray");
		Http browser = new Http(port);
		for (int i = 0; i < 50; i++) {
			signIn(browser, "nobody-" + i + "@spray.example", "some password " + i);
		}
		assertThat(signIn(browser, email, PASSWORD).header("Location")).endsWith("/login?limited");
	}

	@Test
	void aDeactivatedAdminsOpenSessionIsRefusedOnItsNextRequest() {
		String email = admin("deact");
		String id = memberId(email);
		Http browser = new Http(port);
		assertThat(signIn(browser, email, PASSWORD).header("Location")).endsWith("/admin");
		assertThat(browser.get("/admin").status()).isEqualTo(200);

		company.patch(api, "/api/v1/members/" + id, Map.of("active", false));

		Http.Response next = browser.get("/admin");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.header("Location")).endsWith("/login?ended");
		assertThat(browser.get("/admin").header("Location")).endsWith("/login");
		assertThat(signIn(browser, email, PASSWORD).header("Location")).endsWith("/login?error");
	}

	@Test
	void aDemotedOrRePasswordedAdminsSessionEnds() {
		String demoted = admin("demote");
		Http one = new Http(port);
		signIn(one, demoted, PASSWORD);
		assertThat(one.get("/admin").status()).isEqualTo(200);
		company.patch(api, "/api/v1/members/" + memberId(demoted), Map.of("role", "MEMBER"));
		assertThat(one.get("/admin/me").header("Location")).endsWith("/login?ended");

		String changed = admin("repw");
		Http two = new Http(port);
		signIn(two, changed, PASSWORD);
		assertThat(two.get("/admin").status()).isEqualTo(200);
		company.patch(api, "/api/v1/members/" + memberId(changed), Map.of("password", "a brand new password 42"));
		assertThat(two.get("/admin").header("Location")).endsWith("/login?ended");
		assertThat(signIn(two, changed, "a brand new password 42").header("Location")).endsWith("/admin");
	}

	@Test
	void passwordsLongerThanBcryptsSeventyTwoBytesGetAMessageNotA500() {
		String eighty = "x".repeat(80);
		Http.Response refused = api.json("POST", "/api/v1/members", company.apiToken(),
				Map.of("name", "Long Pass", "email", "long@" + company.slug() + ".example", "password", eighty));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get("password").asString()).contains("72 bytes");
		// 24 three-byte characters are 72 bytes: allowed; 25 are not.
		assertThat(api.json("POST", "/api/v1/members", company.apiToken(), Map.of("name", "Wide", "email",
				"wide@" + company.slug() + ".example", "password", "€".repeat(25))).status()).isEqualTo(400);
		assertThat(api.json("POST", "/api/v1/members", company.apiToken(), Map.of("name", "Wide", "email",
				"wide@" + company.slug() + ".example", "password", "€".repeat(24))).status()).isEqualTo(201);

		String email = admin("longlogin");
		Http browser = new Http(port);
		Http.Response signIn = signIn(browser, email, eighty);
		assertThat(signIn.status()).isEqualTo(302);
		assertThat(signIn.header("Location")).endsWith("/login?error");
	}

	@Test
	void linksInAnswersComeFromTheBaseUrlNeverFromTheHostHeader() throws Exception {
		company.member(api, "Link Person", "linky", "https://zoom.us/j/123456789");
		String answer = rawGet("/api/v1/members", "evil.example", company.apiToken());
		assertThat(answer).startsWith("HTTP/1.1 200");
		assertThat(answer).contains("\"consentLink\":\"http://localhost:" + port + "/" + company.slug() + "/linky\"");
		assertThat(answer).doesNotContain("evil.example");
	}

	@Test
	void exportedConsentLinksComeFromTheBaseUrlNeverFromTheHostHeader() throws Exception {
		// R2 + issue 11: the spreadsheet export used to fall back to the request's host
		company.member(api, "Export Person", "exporty", "https://zoom.us/j/987654321");
		String answer = rawGet("/api/v1/exports/consent-links?format=csv", "evil.example", company.apiToken());
		assertThat(answer).startsWith("HTTP/1.1 200");
		assertThat(answer).contains("http://localhost:" + port + "/" + company.slug() + "/exporty");
		assertThat(answer).doesNotContain("evil.example");
	}

	@Test
	void apiAndScimTokensRotateAndRevokeWithoutChangingAnythingElse() {
		String member = company.member(api, "Kept", "kept", "https://zoom.us/j/1").get("id").asString();
		String newApi = company.post(api, "/api/v1/company/tokens/api", Map.of()).get("token").asString();
		assertThat(api.get("/api/v1/members", company.apiToken()).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/members/" + member, newApi).status()).isEqualTo(200);

		assertThat(api.get("/scim/v2/Users", company.scimToken()).status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/company/tokens/scim", newApi).status()).isEqualTo(204);
		assertThat(api.get("/scim/v2/Users", company.scimToken()).status()).isEqualTo(401);
		Http.Response rotated = api.json("POST", "/api/v1/company/tokens/scim", newApi, Map.of());
		String newScim = rotated.json().get("token").asString();
		assertThat(api.get("/scim/v2/Users", newScim).json().get("totalResults").asInt()).isEqualTo(1);
		assertThat(api.get("/scim/v2/Users", company.scimToken()).status()).isEqualTo(401);

		assertThat(api.json("POST", "/api/v1/company/tokens/other", newApi, Map.of()).status()).isEqualTo(400);
		assertThat(api.delete("/api/v1/company/tokens/api", newApi).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/members", newApi).status()).isEqualTo(401);
	}

	private String admin(String prefix) {
		String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@signin.example";
		company.post(api, "/api/v1/members",
				Map.of("name", "Admin " + prefix, "email", email, "role", "TECH_ADMIN", "password", PASSWORD));
		return email;
	}

	private String memberId(String email) {
		return jdbc.sql("select id::text from accounts.members where lower(email) = lower(?)").param(email)
			.query(String.class).single();
	}

	private static Http.Response signIn(Http browser, String email, String password) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", Http.hiddenFields(browser.get("/login").body()).get("_csrf"));
		form.put("username", email);
		form.put("password", password);
		return browser.form("/login", form);
	}

	/** A request with a Host header of the caller's choosing (java.net.http does not allow setting it). */
	private String rawGet(String path, String host, String token) throws Exception {
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
					+ "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			StringBuilder answer = new StringBuilder();
			try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					answer.append(line).append('\n');
				}
			}
			return answer.toString();
		}
	}

}
