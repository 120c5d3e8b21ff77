package dev.assent.jurisdictions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The rows of {@code jurisdictions.csv}, read once (the file ships in the jar). */
@Component
class LawTable {

	/** One row: a jurisdiction's rule for a medium ({@code all}, {@code phone}, {@code in-person}). */
	record Row(String code, String name, Rule rule, String appliesTo, String citation, String note, boolean verified) {
	}

	static final String RESOURCE = "jurisdictions/jurisdictions.csv";

	private final Map<String, List<Row>> byCode = new HashMap<>();

	private final String version;

	LawTable() {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			byte[] bytes = in.readAllBytes();
			version = dev.assent.jurisdictions.LawTable.sha256(bytes).substring(0, 12);
			List<List<String>> rows = parse(new String(bytes, StandardCharsets.UTF_8));
			for (List<String> r : rows.subList(1, rows.size())) {
				if (r.size() < 7) {
					continue;
				}
				Row row = new Row(r.get(0), r.get(1), Rule.of(r.get(2)), r.get(3), r.get(4), r.get(5),
						"yes".equals(r.get(6)));
				byCode.computeIfAbsent(row.code(), k -> new ArrayList<>()).add(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Row> rows(String code) {
		return byCode.getOrDefault(code, List.of());
	}

	boolean knows(String code) {
		return byCode.containsKey(code);
	}

	int size() {
		return byCode.values().stream().mapToInt(List::size).sum();
	}

	/** The table's version: the first 12 hex digits of the CSV's SHA-256 (kept with every recommendation). */
	String version() {
		return version;
	}

	/** RFC 4180: fields separated by commas, quoted with double quotes, a quote doubled inside. */
	static List<List<String>> parse(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char ch = csv.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					field.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (ch == '\n') {
				row.add(field.toString().replaceAll("\r$", ""));
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			}
			else {
				field.append(ch);
			}
		}
		if (field.length() > 0 || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

	static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
