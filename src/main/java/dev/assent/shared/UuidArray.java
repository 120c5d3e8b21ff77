package dev.assent.shared;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A {@code uuid[]} parameter sent in binary ({@link BinaryArray}): sixteen bytes per element, where the driver wrote
 * each UUID's 36 characters into an array literal and PostgreSQL parsed them back (issue 7: five such columns per
 * batch of decisions, four for their evidence). Needs {@code binaryTransferEnable} to name 2951 (application.yml).
 */
public final class UuidArray extends BinaryArray {

	private static final int UUID_OID = 2950;

	private final @Nullable UUID[] values;

	/** The elements are not copied: the array must not change afterwards. */
	public UuidArray(@Nullable UUID[] values) {
		super("uuid[]", UUID_OID, encode(values));
		this.values = values;
	}

	private static byte[][] encode(@Nullable UUID[] values) {
		byte[][] out = new byte[values.length][];
		for (int i = 0; i < values.length; i++) {
			UUID v = values[i];
			if (v != null) {
				out[i] = ByteBuffer.allocate(16).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits()).array();
			}
		}
		return out;
	}

	@Override
	public String getValue() {
		StringBuilder literal = new StringBuilder(values.length * 37 + 2).append('{');
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append(values[i] == null ? "NULL" : values[i].toString());
		}
		return literal.append('}').toString();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof UuidArray that && Arrays.equals(values, that.values);
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
