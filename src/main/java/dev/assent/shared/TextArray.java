package dev.assent.shared;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A {@code text[]} parameter sent in binary ({@link BinaryArray}): each element's length and UTF-8 bytes. The driver
 * builds a {@code String[]}'s literal character by character, escaping quotes and backslashes — for the decisions'
 * group commit, whose evidence column holds a JSON document per row, a tenth of its writer thread's CPU — and
 * PostgreSQL parses it back the same way (issue 7). Needs {@code binaryTransferEnable} to name 1009 (application.yml).
 */
public final class TextArray extends BinaryArray {

	private static final int TEXT_OID = 25;

	private final @Nullable String[] values;

	/** The elements are not copied: the array must not change afterwards. */
	public TextArray(@Nullable String[] values) {
		super("text[]", TEXT_OID, encode(values));
		this.values = values;
	}

	private static byte[][] encode(@Nullable String[] values) {
		byte[][] out = new byte[values.length][];
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				out[i] = values[i].getBytes(StandardCharsets.UTF_8);
			}
		}
		return out;
	}

	@Override
	public String getValue() {
		StringBuilder literal = new StringBuilder(16 * values.length + 2).append('{');
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			String v = values[i];
			if (v == null) {
				literal.append("NULL");
				continue;
			}
			literal.append('"');
			for (int c = 0; c < v.length(); c++) {
				char ch = v.charAt(c);
				if (ch == '"' || ch == '\\') {
					literal.append('\\');
				}
				literal.append(ch);
			}
			literal.append('"');
		}
		return literal.append('}').toString();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TextArray that && Arrays.equals(values, that.values);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(values);
	}

	@Override
	public String toString() {
		return Arrays.toString(values);
	}

}
