package io.mintage.mcu.lpc11c24;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.mintage.core.MemoryRegion;

/**
 * The LPC boot ROM runs user code only if words 0–7 of the vector table sum to zero (mod 2^32), so
 * word 7 (offset 0x1C, reserved in the Cortex-M0 table) is set to the two's complement of the sum of
 * words 0–6, as lpc21isp and NXP's tools do (reference §D.6). Without it a correctly programmed chip
 * would silently stay in ISP.
 */
final class VectorChecksum {

	static final long VECTOR_TABLE = 0x0000_0000L;
	static final int CHECKSUM_WORD = 7;

	private VectorChecksum() {
	}

	/** A copy of the sector's bytes with word 7 set; the sector must hold the vector table. */
	static byte[] apply(MemoryRegion sector, byte[] content) {
		int offset = (int) (VECTOR_TABLE - sector.start());
		if (content.length < offset + 32) {
			throw new IllegalArgumentException(String.format(
					"the content for %s is %d bytes: too short to hold the vector table's first 8 words at 0x%08X",
					sector, content.length, VECTOR_TABLE));
		}
		byte[] patched = content.clone();
		ByteBuffer words = ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN);
		int sum = 0;
		for (int i = 0; i < CHECKSUM_WORD; i++) {
			sum += words.getInt(offset + 4 * i);
		}
		words.putInt(offset + 4 * CHECKSUM_WORD, -sum);
		return patched;
	}
}
