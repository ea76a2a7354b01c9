package io.mintage.probe.stm32uart.internal;

/**
 * The CRC the bootloader's Get Checksum returns, as the STM32 CRC unit computes it: polynomial
 * 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final XOR, fed 32-bit little-endian words
 * (mcu-protocols.md A.3, from stm32flash's stm32_sw_crc).
 */
final class StmCrc {

	private static final int POLYNOMIAL = 0x04C11DB7;

	private StmCrc() {
	}

	/** @param length a multiple of 4 */
	static int of(byte[] data, int offset, int length) {
		if (length % 4 != 0) {
			throw new IllegalArgumentException("the STM32 CRC runs over whole words, not " + length + " bytes");
		}
		int crc = 0xFFFF_FFFF;
		for (int i = offset; i < offset + length; i += 4) {
			int word = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16
					| (data[i + 3] & 0xFF) << 24;
			crc ^= word;
			for (int bit = 0; bit < 32; bit++) {
				crc = crc < 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
			}
		}
		return crc;
	}
}
