package dev.assent.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** PRODUCT R2: the consent links of every recorded member as XLSX and CSV, formulas neutralised. */
@AssentIntegrationTest
class ConsentLinkExportIntegrationTests {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@LocalServerPort
	int port;

	Http http;

	TestCompany company;

	@BeforeEach
	void companyWithMembers() {
		http = new Http(port);
		company = TestCompany.create(http, "r2");
		company.post(http, "/api/v1/teams", Map.of("name", "-Sales"));
		member("Ada Lovelace", "ada", "-Sales", true, "https://zoom.us/j/111");
		member("=HYPERLINK(\"http://evil.example\",\"click\")", "eve", null, true, null);
		member("+Plus Minus", "plus", null, true, "https://meet.google.com/abc-defg-hij");
		member("Not Recorded", "norec", null, false, "https://zoom.us/j/333");
		Map<String, Object> protect = new LinkedHashMap<>();
		protect.put("protectedLinks", true);
		company.json(http, "PUT", "/api/v1/consent-page", protect);
	}

	@Test
	void xlsxHasOneRowPerRecordedMemberWithTheRightLinksAndNoFormulas() throws IOException, InterruptedException {
		HttpResponse<byte[]> r = download(XLSX);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Type")).hasValue(XLSX);

		List<List<String>> rows = new ArrayList<>();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
			Sheet sheet = wb.getSheetAt(0);
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < 6; c++) {
					Cell cell = row.getCell(c);
					assertThat(cell == null || cell.getCellType() != CellType.FORMULA).isTrue();
					cells.add(cell == null ? "" : cell.getStringCellValue());
				}
				rows.add(cells);
			}
		}
		assertThat(rows.get(0)).containsExactly("Name", "Email", "Team", "Consent profile", "Consent link", "Provider link");
		assertThat(rows).hasSize(4).extracting(row -> row.get(0))
			.containsExactlyInAnyOrder("Name", "Ada Lovelace", "'=HYPERLINK(\"http://evil.example\",\"click\")",
					"'+Plus Minus");
		List<String> ada = rows.stream().filter(row -> row.get(0).equals("Ada Lovelace")).findFirst().orElseThrow();
		assertThat(ada.get(1)).isEqualTo("ada@" + company.slug() + ".example");
		assertThat(ada.get(2)).as("a team name starting with - is neutralised").isEqualTo("'-Sales");
		assertThat(ada.get(4)).startsWith("http://localhost:" + port + "/" + company.slug() + "/ada?t=");
		assertThat(ada.get(5)).isEqualTo("https://zoom.us/j/111");
		assertThat(http.get(ada.get(4).substring(("http://localhost:" + port).length())).status())
			.as("the exported link opens the member's page").isEqualTo(200);
	}

	@Test
	void csvIsTheSameTableWithFormulasNeutralised() throws IOException, InterruptedException {
		HttpResponse<byte[]> r = download("text/csv");
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
		String csv = new String(r.body(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFName,Email,Team,Consent profile,Consent link,Provider link\r\n");
		assertThat(csv.lines()).hasSize(4);
		assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", "\"'+Plus Minus\"",
				"\"'-Sales\"")
			.doesNotContain("\n=", ",=", "\n+", ",+", ",-")
			.doesNotContain("Not Recorded");
	}

	@Test
	void answersNotAcceptableOrBadRequestForOtherFormats() throws IOException, InterruptedException {
		assertThat(download("application/pdf").statusCode()).isEqualTo(406);
		assertThat(http.get("/api/v1/exports/consent-links?format=pdf", company.apiToken()).status()).isEqualTo(400);
		assertThat(http.get("/api/v1/exports/consent-links").status()).isEqualTo(401);
	}

	private void member(String name, String slug, String team, boolean recorded, String url) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", slug + "@" + company.slug() + ".example");
		body.put("slug", slug);
		body.put("recorded", recorded);
		if (team != null) {
			body.put("team", team);
		}
		if (url != null) {
			body.put("personalMeetingUrl", url);
		}
		company.post(http, "/api/v1/members", body);
	}

	private HttpResponse<byte[]> download(String accept) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/exports/consent-links"))
				.header("Authorization", "Bearer " + company.apiToken())
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
