package dev.assent.shared;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A {@code text[]} parameter sent in binary ({@link BinaryArray}): each element's length and UTF-8 bytes. The driver
 * builds a {@code String[]}'s literal character by character, escaping quotes and backslashes — for the decisions'
 * group commit, whose evidence column holds a JSON document per row, a tenth of its writer thread's CPU — and
 * PostgreSQL parses it back the same way (issue 7). Needs {@code binaryTransferEnable} to name 1009 (application.yml).
 */
public final class TextArray extends BinaryArray<String> {

	private static final int TEXT_OID = 25;

	/** The elements are not copied: the array must not change afterwards. */
	public TextArray(@Nullable String[] values) {
		super("text[]", TEXT_OID, values, v -> v.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	void appendLiteral(StringBuilder literal, String value) {
		literal.append('"');
		for (int c = 0; c < value.length(); c++) {
			char ch = value.charAt(c);
			if (ch == '"' || ch == '\\') {
				literal.append('\\');
			}
			literal.append(ch);
		}
		literal.append('"');
	}

}
