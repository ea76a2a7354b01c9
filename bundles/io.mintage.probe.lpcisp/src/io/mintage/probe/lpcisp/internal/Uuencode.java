package io.mintage.probe.lpcisp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The UUencoding of the LPC ISP's Write to RAM and Read Memory data (NXP AN11229): a line is a length
 * character (0x20 + byte count, at most 45) and four characters per three bytes, each six-bit value v
 * written as 0x20 + v except 0, which is written as '`' so that no line carries a space. Decoding
 * accepts both ' ' and '`' for 0, as the boot ROM does. The checksum the ISP exchanges every 20 lines is
 * the plain sum of the raw bytes of those lines.
 */
public final class Uuencode {

	/** Bytes in a full line. */
	public static final int LINE_BYTES = 45;

	/** Lines between two checksums. */
	public static final int LINES_PER_CHECKSUM = 20;

	private Uuencode() {
	}

	/** One line of {@code length} (1..45) bytes, without the line end. */
	public static String encodeLine(byte[] data, int offset, int length) {
		if (length < 1 || length > LINE_BYTES) {
			throw new IllegalArgumentException("a UU line holds 1 to 45 bytes, not " + length);
		}
		StringBuilder line = new StringBuilder(1 + (length + 2) / 3 * 4);
		line.append(character(length));
		for (int i = 0; i < length; i += 3) {
			int b0 = data[offset + i] & 0xFF;
			// the last group is padded with zeros (AN11229 recommends 0x00)
			int b1 = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
			int b2 = i + 2 < length ? data[offset + i + 2] & 0xFF : 0;
			int group = b0 << 16 | b1 << 8 | b2;
			line.append(character(group >> 18 & 63)).append(character(group >> 12 & 63))
					.append(character(group >> 6 & 63)).append(character(group & 63));
		}
		return line.toString();
	}

	/**
	 * The bytes of one line (without its line end).
	 *
	 * @throws IOException naming the line when its length character or its size make no sense, or a
	 *                     character is outside the UU alphabet
	 */
	public static byte[] decodeLine(String line) throws IOException {
		if (line.isEmpty()) {
			throw new IOException("an empty line where UU-encoded data was expected");
		}
		int length = value(line.charAt(0), line);
		int groups = (length + 2) / 3;
		if (length == 0 || length > LINE_BYTES || line.length() != 1 + groups * 4) {
			throw new IOException("'" + printable(line) + "' is not a UU-encoded line: its length character says "
					+ length + " bytes, which needs " + (1 + groups * 4) + " characters, it has " + line.length());
		}
		byte[] bytes = new byte[length];
		for (int g = 0; g < groups; g++) {
			int group = 0;
			for (int c = 0; c < 4; c++) {
				group = group << 6 | value(line.charAt(1 + g * 4 + c), line);
			}
			for (int b = 0; b < 3 && g * 3 + b < length; b++) {
				bytes[g * 3 + b] = (byte) (group >> 16 - 8 * b);
			}
		}
		return bytes;
	}

	/** The checksum of bytes as the ISP sums them. */
	public static long sum(byte[] data, int offset, int length) {
		long sum = 0;
		for (int i = 0; i < length; i++) {
			sum += data[offset + i] & 0xFF;
		}
		return sum;
	}

	private static char character(int value) {
		return value == 0 ? '`' : (char) (0x20 + value);
	}

	private static int value(char c, String line) throws IOException {
		if (c == '`') {
			return 0;
		}
		if (c < 0x20 || c > 0x5F) {
			throw new IOException("'" + printable(line) + "' is not a UU-encoded line: character 0x"
					+ Integer.toHexString(c) + " is outside the UU alphabet");
		}
		return c - 0x20;
	}

	/** A line as it can be shown in a message: control characters as \xNN, at most 70 characters. */
	public static String printable(String line) {
		StringBuilder text = new StringBuilder();
		for (byte b : line.getBytes(StandardCharsets.ISO_8859_1)) {
			int c = b & 0xFF;
			if (text.length() > 70) {
				return text.append("…").toString();
			}
			text.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
		}
		return text.toString();
	}
}
