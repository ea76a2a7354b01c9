package io.mintage.image.tests;

import java.nio.charset.StandardCharsets;

/**
 * Writes Intel HEX and S-record lines with correct byte counts and checksums, so fixtures are
 * readable in the test and a broken fixture is broken only where the test means it to be.
 */
public final class Records {

	private Records() {
	}

	/** An Intel HEX record {@code :LLAAAATT<data>CC}. */
	public static String hex(int type, int offset, int... data) {
		StringBuilder line = new StringBuilder(":");
		int sum = appendByte(line, data.length) + appendByte(line, offset >> 8) + appendByte(line, offset)
				+ appendByte(line, type);
		for (int value : data) {
			sum += appendByte(line, value);
		}
		appendByte(line, -sum);
		return line.toString();
	}

	public static String hexData(int offset, int... data) {
		return hex(0x00, offset, data);
	}

	public static String hexEndOfFile() {
		return hex(0x01, 0);
	}

	/** Type 04: the upper 16 bits of the following data addresses. */
	public static String hexLinearBase(long address) {
		return hex(0x04, 0, (int) (address >> 24), (int) (address >> 16));
	}

	/** An S-record of a type with the address field the type prescribes. */
	public static String srec(int type, long address, int... data) {
		int addressSize = switch (type) {
		case 0, 1, 5, 9 -> 2;
		case 2, 6, 8 -> 3;
		case 3, 7 -> 4;
		default -> throw new IllegalArgumentException("no S" + type + " records");
		};
		StringBuilder line = new StringBuilder("S").append(type);
		int sum = appendByte(line, addressSize + data.length + 1);
		for (int i = addressSize - 1; i >= 0; i--) {
			sum += appendByte(line, (int) (address >> (8 * i)));
		}
		for (int value : data) {
			sum += appendByte(line, value);
		}
		appendByte(line, ~sum);
		return line.toString();
	}

	/** Lines joined with LF and a final LF, as bytes. */
	public static byte[] lines(String... lines) {
		return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	private static int appendByte(StringBuilder line, int value) {
		line.append(String.format("%02X", value & 0xFF));
		return value & 0xFF;
	}
}
