package dev.assent.shared;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A one-dimensional array parameter sent in PostgreSQL's binary array format (issue 7): its elements' bytes as they
 * are, where the driver would build a literal character by character (escaping every element, and writing every UUID
 * as text) and PostgreSQL would parse it back the same way. Sent in binary when the connection enables it for the
 * array's type ({@code binaryTransferEnable}, application.yml); as the literal ({@link #getValue()}) otherwise, so
 * that a connection configured without it still works.
 *
 * @param <T> the elements' type
 */
public abstract sealed class BinaryArray<T> extends PGobject implements PGBinaryObject permits TextArray, UuidArray {

	private final @Nullable T[] values;

	private final byte[] binary;

	/**
	 * {@code values} are not copied: the array must not change afterwards. {@code bytes}: an element's binary form.
	 */
	BinaryArray(String type, int elementOid, @Nullable T[] values, Function<T, byte[]> bytes) {
		this.type = type;
		this.values = values;
		this.binary = encode(elementOid, values, bytes);
	}

	private static <T> byte[] encode(int elementOid, @Nullable T[] values, Function<T, byte[]> bytes) {
		if (values.length == 0) {
			// No dimension: PostgreSQL's empty array.
			return ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(elementOid).array();
		}
		byte[][] elements = new byte[values.length][];
		int size = 20;
		boolean nulls = false;
		for (int i = 0; i < values.length; i++) {
			elements[i] = values[i] == null ? null : bytes.apply(values[i]);
			size += 4 + (elements[i] == null ? 0 : elements[i].length);
			nulls |= elements[i] == null;
		}
		ByteBuffer out = ByteBuffer.allocate(size)
			.putInt(1) // dimensions
			.putInt(nulls ? 1 : 0)
			.putInt(elementOid)
			.putInt(values.length)
			.putInt(1); // lower bound
		for (byte[] element : elements) {
			if (element == null) {
				out.putInt(-1);
			}
			else {
				out.putInt(element.length).put(element);
			}
		}
		return out.array();
	}

	/** Appends a (non-null) element as the array literal writes it. */
	abstract void appendLiteral(StringBuilder literal, T value);

	/** The array's literal, for a connection that does not take it in binary. */
	@Override
	public final String getValue() {
		StringBuilder literal = new StringBuilder(binary.length + 3 * values.length + 2).append('{');
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			if (values[i] == null) {
				literal.append("NULL");
			}
			else {
				appendLiteral(literal, values[i]);
			}
		}
		return literal.append('}').toString();
	}

	@Override
	public final void setValue(@Nullable String value) {
		throw new UnsupportedOperationException("An array parameter is written only");
	}

	@Override
	public final void setByteValue(byte[] value, int offset) {
		throw new UnsupportedOperationException("An array parameter is written only");
	}

	@Override
	public final int lengthInBytes() {
		return binary.length;
	}

	@Override
	public final void toBytes(byte[] bytes, int offset) {
		System.arraycopy(binary, 0, bytes, offset, binary.length);
	}

	@Override
	public final boolean equals(@Nullable Object other) {
		return other != null && other.getClass() == getClass() && Arrays.equals(values, ((BinaryArray<?>) other).values);
	}

	@Override
	public final int hashCode() {
		return Arrays.hashCode(values);
	}

	@Override
	public final String toString() {
		return Arrays.toString(values);
	}

	@Override
	public final BinaryArray<T> clone() {
		return this;
	}

}
