package io.mintage.probe.lpcisp.internal;

/**
 * The LPC boot ROM's valid-user-code rule: the first eight words of the vector table sum to 0 (mod
 * 2^32), so word 7 (offset 0x1C, a reserved vector) holds the two's complement of the sum of words
 * 0..6. Without it the ROM never runs the program and stays in ISP; lpc21isp patches the word the same
 * way.
 */
public final class VectorChecksum {

	/** Offset of the checksum word. */
	public static final int OFFSET = 0x1C;

	private VectorChecksum() {
	}

	/** The value word 7 must have for {@code image}, which starts at address 0 and has at least 32 bytes. */
	public static int compute(byte[] image) {
		int sum = 0;
		for (int word = 0; word < 7; word++) {
			sum += word(image, word * 4);
		}
		return -sum;
	}

	/** A copy of {@code image} with word 7 set to the checksum. */
	public static byte[] patched(byte[] image) {
		byte[] copy = image.clone();
		int value = compute(copy);
		for (int i = 0; i < 4; i++) {
			copy[OFFSET + i] = (byte) (value >>> 8 * i);
		}
		return copy;
	}

	/** Whether the boot ROM would take {@code image} for valid user code. */
	public static boolean isValid(byte[] image) {
		int sum = 0;
		for (int word = 0; word < 8; word++) {
			sum += word(image, word * 4);
		}
		return sum == 0;
	}

	static int word(byte[] bytes, int offset) {
		return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
				| (bytes[offset + 3] & 0xFF) << 24;
	}
}
