package io.mintage.probe.lpcisp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The driver's pure parts: UU lines with AN11229's examples, checksums, the vector checksum, CRP words. */
class IspCodecTest {

	@Test
	void uuLinesMatchTheApplicationNote() throws IOException {
		byte[] three = { 0x14, 0x0F, (byte) 0xA8 };
		assertEquals("#%`^H", Uuencode.encodeLine(three, 0, 3));
		byte[] four = { 0x14, 0x0F, (byte) 0xA8, 0x17 };
		assertEquals("$%`^H%P``", Uuencode.encodeLine(four, 0, 4));
		assertEquals(203, Uuencode.sum(three, 0, 3));
		assertArrayEquals(four, Uuencode.decodeLine("$%`^H%P``"));
		// a space for 0 decodes too, as older encoders write it
		assertArrayEquals(four, Uuencode.decodeLine("$% ^H%P  "));
	}

	@Test
	void everyLineLengthRoundTrips() throws IOException {
		Random random = new Random(7);
		for (int length = 1; length <= 45; length++) {
			byte[] data = new byte[length];
			random.nextBytes(data);
			String line = Uuencode.encodeLine(data, 0, length);
			assertFalse(line.contains(" "), line);
			assertTrue(line.length() <= 61);
			assertArrayEquals(data, Uuencode.decodeLine(line));
		}
	}

	@Test
	void aDamagedLineIsNamed() {
		IOException e = assertThrows(IOException.class, () -> Uuencode.decodeLine("M%`^H"));
		assertTrue(e.getMessage().contains("length character says 45 bytes"), e.getMessage());
		assertThrows(IOException.class, () -> Uuencode.decodeLine("#%`^\u0001"));
	}

	@Test
	void vectorChecksumMakesTheFirstEightWordsSumToZero() {
		byte[] image = new byte[64];
		new Random(3).nextBytes(image);
		assertFalse(VectorChecksum.isValid(image));
		byte[] patched = VectorChecksum.patched(image);
		assertTrue(VectorChecksum.isValid(patched));
		// only word 7 changes
		for (int i = 0; i < 64; i++) {
			if (i < 0x1C || i >= 0x20) {
				assertEquals(image[i], patched[i]);
			}
		}
	}

	@Test
	void crpLevelsAndCodesReadInPlainWords() {
		assertEquals(0x12345678, CodeReadProtection.word(1));
		assertEquals(0x87654321, CodeReadProtection.word(2));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeReadProtection.word(3));
		assertTrue(e.getMessage().contains("CRP3 locks the chip for good"), e.getMessage());
		assertEquals(2, CodeReadProtection.level(0x87654321));
		assertEquals(0, CodeReadProtection.level(CodeReadProtection.NO_ISP));
		assertEquals("CODE_READ_PROTECTION_ENABLED (19): the chip is read-protected; unprotecting erases it",
				ReturnCode.describe(19));
		assertTrue(ReturnCode.describe(77).contains("77"));
	}

	@Test
	void sectorsOfTheLpc11c24() {
		LpcPart part = LpcPart.forId(0x1430102BL).orElseThrow();
		assertEquals(8, part.sectorCount());
		assertEquals(3, part.sectorOf(0x3FFF));
		assertEquals(4, part.sectorOf(0x4000));
		assertEquals("sector 7 (0x00007000..0x00007FFF)", LpcPart.describeSector(7));
	}
}
