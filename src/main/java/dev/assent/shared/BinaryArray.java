package dev.assent.shared;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A one-dimensional array parameter sent in PostgreSQL's binary array format (issue 7): its elements' bytes as they
 * are, where the driver would build a literal character by character (escaping every element, and writing every UUID
 * as text) and PostgreSQL would parse it back the same way. Sent in binary when the connection enables it for the
 * array's type ({@code binaryTransferEnable}, application.yml); as the literal ({@link #getValue()}) otherwise, so
 * that a connection configured without it still works.
 */
public abstract sealed class BinaryArray extends PGobject implements PGBinaryObject permits TextArray, UuidArray {

	private final byte[] binary;

	/** {@code elements}: each element's binary form, null for a null element. */
	BinaryArray(String type, int elementOid, @Nullable byte[][] elements) {
		this.type = type;
		this.binary = encode(elementOid, elements);
	}

	private static byte[] encode(int elementOid, @Nullable byte[][] elements) {
		if (elements.length == 0) {
			// No dimension: PostgreSQL's empty array.
			return ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(elementOid).array();
		}
		int size = 20;
		boolean nulls = false;
		for (byte[] element : elements) {
			size += 4 + (element == null ? 0 : element.length);
			nulls |= element == null;
		}
		ByteBuffer out = ByteBuffer.allocate(size)
			.putInt(1) // dimensions
			.putInt(nulls ? 1 : 0)
			.putInt(elementOid)
			.putInt(elements.length)
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

	/** The array's literal, for a connection that does not take it in binary. */
	@Override
	public abstract String getValue();

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
	public final BinaryArray clone() {
		return this;
	}

}
