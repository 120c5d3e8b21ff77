package dev.assent.shared;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A {@code uuid[]} parameter sent in binary ({@link BinaryArray}): sixteen bytes per element, where the driver wrote
 * each UUID's 36 characters into an array literal and PostgreSQL parsed them back (issue 7: five such columns per
 * batch of decisions, four for their evidence). Needs {@code binaryTransferEnable} to name 2951 (application.yml).
 */
public final class UuidArray extends BinaryArray<UUID> {

	private static final int UUID_OID = 2950;

	/** The elements are not copied: the array must not change afterwards. */
	public UuidArray(@Nullable UUID[] values) {
		super("uuid[]", UUID_OID, values,
				v -> ByteBuffer.allocate(16).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits()).array());
	}

	@Override
	void appendLiteral(StringBuilder literal, UUID value) {
		literal.append(value);
	}

}
