package dev.assent.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A {@code text[]} parameter sent in PostgreSQL's binary array format (issue 7). The driver sends a
 * {@code String[]} as an array literal it builds character by character, escaping quotes and
 * backslashes — for the decisions' group commit, whose evidence column holds a JSON document per row,
 * that was a tenth of its writer thread's CPU — and PostgreSQL parses that literal back the same way.
 * In binary, each element is its length and its UTF-8 bytes. Sent in binary when the connection
 * enables it for {@code text[]} ({@code binaryTransferEnable=1009}, application.yml); as the literal
 * otherwise, so that a connection configured without it still works.
 */
public final class TextArray extends PGobject implements PGBinaryObject {

	private static final int TEXT_OID = 25;

	private final @Nullable String[] values;

	private final byte[] binary;

	/** The elements are not copied: the array must not change afterwards. */
	public TextArray(@Nullable String[] values) {
		this.values = values;
		this.type = "text[]";
		this.binary = encode(this.values);
	}

	/** The elements, in order. */
	public @Nullable String[] values() {
		return values.clone();
	}

	private static byte[] encode(@Nullable String[] values) {
		if (values.length == 0) {
			// No dimension: PostgreSQL's empty array.
			return ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(TEXT_OID).array();
		}
		byte[][] utf8 = new byte[values.length][];
		int size = 20;
		boolean nulls = false;
		for (int i = 0; i < values.length; i++) {
			String v = values[i];
			if (v == null) {
				nulls = true;
			}
			else {
				utf8[i] = v.getBytes(StandardCharsets.UTF_8);
				size += utf8[i].length;
			}
			size += 4;
		}
		ByteBuffer out = ByteBuffer.allocate(size)
			.putInt(1) // dimensions
			.putInt(nulls ? 1 : 0)
			.putInt(TEXT_OID)
			.putInt(values.length)
			.putInt(1); // lower bound
		for (byte[] element : utf8) {
			if (element == null) {
				out.putInt(-1);
			}
			else {
				out.putInt(element.length).put(element);
			}
		}
		return out.array();
	}

	@Override
	public @Nullable String getValue() {
		StringBuilder literal = new StringBuilder(binary.length + 2 * values.length + 2).append('{');
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
	public void setValue(@Nullable String value) {
		throw new UnsupportedOperationException("A TextArray is a parameter only");
	}

	@Override
	public void setByteValue(byte[] value, int offset) {
		throw new UnsupportedOperationException("A TextArray is a parameter only");
	}

	@Override
	public int lengthInBytes() {
		return binary.length;
	}

	@Override
	public void toBytes(byte[] bytes, int offset) {
		System.arraycopy(binary, 0, bytes, offset, binary.length);
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

	@Override
	public TextArray clone() {
		return this;
	}

}
