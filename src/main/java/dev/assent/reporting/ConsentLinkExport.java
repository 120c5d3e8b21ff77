package dev.assent.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.stream.Collectors;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;

/**
 * The spreadsheet of consent links (PRODUCT R2): one row per recorded, active team member with
 * name, email, team, consent profile, personal consent link (with its token when links are
 * protected, C9) and matched provider link. Cells that a spreadsheet would run as a formula are
 * neutralised in both formats.
 */
@Service
public class ConsentLinkExport {

	/** The columns, in order. */
	public static final List<String> HEADERS = List.of("Name", "Email", "Team", "Consent profile", "Consent link",
			"Provider link");

	/** One member's row. */
	public record Row(String name, String email, @Nullable String team, String profile, String consentLink,
			@Nullable String providerLink) {

		List<@Nullable String> cells() {
			return java.util.Arrays.asList(name, email, team, profile, consentLink, providerLink);
		}

	}

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ProfileManagement profiles;

	private final ConsentPageManagement pages;

	ConsentLinkExport(MemberManagement members, TeamManagement teamManagement, ProfileManagement profiles,
			ConsentPageManagement pages) {
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.pages = pages;
	}

	/** Every recorded, active member of the company, by name; links start with {@code baseUrl}. */
	public List<Row> rows(UUID companyId, String baseUrl) {
		List<Member> recorded = new ArrayList<>();
		for (int page = 0;; page++) {
			MemberPage result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			result.items().stream().filter(Member::hasConsentPage).forEach(recorded::add);
			if (result.items().isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
				break;
			}
		}
		Map<UUID, String> profileNames = profiles.list(companyId)
			.stream()
			.collect(Collectors.toMap(ConsentProfile::id, ConsentProfile::name));
		Map<UUID, String> teams = teamManagement.all(companyId).stream().collect(Collectors.toMap(Team::id, Team::name));
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(companyId, recorded);
		Map<UUID, String> links = pages.consentLinks(companyId, recorded, baseUrl);
		return recorded.stream().map(m -> {
			ProfileAssignment a = assignments.get(m.id());
			return new Row(m.name(), m.email(), m.teamId() == null ? null : teams.get(m.teamId()),
					a == null ? "" : profileNames.getOrDefault(a.profileId(), ""), links.getOrDefault(m.id(), ""),
					m.personalMeetingUrl());
		}).toList();
	}

	/**
	 * A text a spreadsheet would read as a formula ({@code =}, {@code +}, {@code -}, {@code @}, or a
	 * tab or carriage return first) gets a leading apostrophe, so it stays text (OWASP CSV injection).
	 */
	public static @Nullable String neutralised(@Nullable String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		char first = cell.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell
				: cell;
	}

	/** RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheets read names with accents right). */
	public static void writeCsv(List<Row> rows, OutputStream out) {
		try {
			Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			w.write('\uFEFF');
			line(w, HEADERS);
			for (Row r : rows) {
				line(w, r.cells());
			}
			w.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void line(Writer w, List<@Nullable String> cells) throws IOException {
		w.write(cells.stream().map(c -> quoted(neutralised(c))).collect(Collectors.joining(",")));
		w.write("\r\n");
	}

	private static String quoted(@Nullable String cell) {
		if (cell == null) {
			return "";
		}
		boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
				|| cell.indexOf('\r') >= 0 || cell.startsWith("'");
		return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
	}

	/** An XLSX workbook with one sheet, its header row bold and frozen; every cell is text. */
	public static void writeXlsx(List<Row> rows, OutputStream out) {
		try {
			Workbook wb = new Workbook(out, "Assent", "1.0");
			Worksheet ws = wb.newWorksheet("Consent links");
			for (int c = 0; c < HEADERS.size(); c++) {
				ws.inlineString(0, c, HEADERS.get(c));
			}
			ws.range(0, 0, 0, HEADERS.size() - 1).style().bold().set();
			ws.freezePane(0, 1);
			int[] widths = { 24, 32, 18, 22, 48, 48 };
			for (int c = 0; c < widths.length; c++) {
				ws.width(c, widths[c]);
			}
			for (int i = 0; i < rows.size(); i++) {
				List<@Nullable String> cells = rows.get(i).cells();
				for (int c = 0; c < cells.size(); c++) {
					String v = neutralised(cells.get(c));
					if (v != null) {
						ws.inlineString(i + 1, c, v);
					}
				}
			}
			wb.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
