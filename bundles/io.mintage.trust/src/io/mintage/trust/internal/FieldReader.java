package io.mintage.trust.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import io.mintage.trust.RecordFormatException;

/**
 * Reads the little-endian fields of a fixed layout and words what is wrong with them. A batch
 * certificate inside a record is read with the record's name and the certificate's place in it, so a
 * message gives the offset a person finds in a hex dump of what they hold.
 */
final class FieldReader {

	private final String object;
	private final byte[] bytes;
	private final int base;
	private final String fieldPrefix;

	/**
	 * @param object      what the bytes are, for messages: "device record" or "batch certificate"
	 * @param base        where the layout being read starts in {@code bytes}
	 * @param fieldPrefix put before field names, e.g. "batch_certificate." inside a record
	 */
	FieldReader(String object, byte[] bytes, int base, String fieldPrefix) {
		this.object = object;
		this.bytes = bytes;
		this.base = base;
		this.fieldPrefix = fieldPrefix;
	}

	FieldReader nested(int nestedBase, String nestedPrefix) {
		return new FieldReader(object, bytes, base + nestedBase, fieldPrefix + nestedPrefix);
	}

	byte[] bytes(Field field) {
		return Arrays.copyOfRange(bytes, base + field.offset(), base + field.end());
	}

	int uint8(Field field) {
		return bytes[base + field.offset()] & 0xFF;
	}

	long uint32(Field field) {
		return Integer.toUnsignedLong(buffer(field).getInt());
	}

	/** The value as a long; values of 2^63 and above come out negative, to be read as unsigned. */
	long uint64(Field field) {
		return buffer(field).getLong();
	}

	private ByteBuffer buffer(Field field) {
		return ByteBuffer.wrap(bytes, base + field.offset(), field.size()).order(ByteOrder.LITTLE_ENDIAN);
	}

	void expectMagic(Field field, String magic) throws RecordFormatException {
		byte[] expected = magic.getBytes(StandardCharsets.US_ASCII);
		byte[] found = bytes(field);
		if (!Arrays.equals(expected, found)) {
			throw problem(field, "expected the magic " + spacedHex(expected) + " (\"" + magic + "\"), found "
					+ spacedHex(found));
		}
	}

	void expectVersion(Field field, int version) throws RecordFormatException {
		int found = uint8(field);
		if (found != version) {
			throw problem(field, "version " + found + " is not known, expected version " + version);
		}
	}

	/** Every byte of {@code field} is zero; names the first one that is not. */
	void expectZero(Field field, String why) throws RecordFormatException {
		for (int i = 0; i < field.size(); i++) {
			int value = bytes[base + field.offset() + i] & 0xFF;
			if (value != 0) {
				throw problemAt(field, i, String.format("expected 0 (%s), found 0x%02x", why, value));
			}
		}
	}

	RecordFormatException problem(Field field, String problem) {
		return problemAt(field, 0, problem);
	}

	/** A problem with the byte {@code index} of {@code field}: the offset given is that byte's. */
	RecordFormatException problemAt(Field field, int index, String problem) {
		return new RecordFormatException(object, base + field.offset() + index, fieldPrefix + field.name(), problem);
	}

	static String spacedHex(byte[] bytes) {
		return HexFormat.ofDelimiter(" ").formatHex(bytes);
	}
}
