package io.mintage.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.SourceLocation;

class ImageBuilderTest {

	@Test
	void recordsInAnyOrderMergeIntoSortedTouchingFreeSegments() throws ImageFormatException {
		FirmwareImage image = new ImageBuilder("a.hex", "Intel HEX")
				.add(0x0800_0004L, new byte[] { 5, 6, 7, 8 }, SourceLocation.line(2))
				.add(0x0800_0000L, new byte[] { 1, 2, 3, 4 }, SourceLocation.line(1))
				.add(0x0800_0100L, new byte[] { 9 }, SourceLocation.line(3)).build();

		assertEquals(2, image.segments().size());
		assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, image.segments().get(0).data());
		assertEquals(0x0800_0000L, image.lowestAddress());
		assertEquals(0x0800_0101L, image.endAddress());
		assertEquals(0x101, image.span());
		assertEquals(9, image.dataSize());
	}

	@Test
	void repeatedIdenticalBytesAreAccepted() throws ImageFormatException {
		FirmwareImage image = new ImageBuilder("a.hex", "Intel HEX")
				.add(0x100, new byte[] { 1, 2, 3, 4 }, SourceLocation.line(1))
				.add(0x102, new byte[] { 3, 4, 5 }, SourceLocation.line(2)).build();
		assertArrayEquals(new byte[] { 1, 2, 3, 4, 5 }, image.segments().get(0).data());
	}

	@Test
	void contradictingBytesNameBothLinesAndTheAddress() throws ImageFormatException {
		ImageBuilder builder = new ImageBuilder("fw.hex", "Intel HEX").add(0x2000, new byte[] { 1, 2, 3 },
				SourceLocation.line(4));
		ImageFormatException e = assertThrows(ImageFormatException.class,
				() -> builder.add(0x2001, new byte[] { 2, 9 }, SourceLocation.line(17)));
		assertEquals("fw.hex, line 17: data at 0x00002002 (0x09) contradicts line 4, which put 0x03 there",
				e.getMessage());
	}

	@Test
	void dataBeyondThirtyTwoBitsIsRefused() {
		ImageFormatException e = assertThrows(ImageFormatException.class,
				() -> new ImageBuilder("x.bin", "raw binary").add(0xFFFF_FFFEL, new byte[4], SourceLocation.offset(0)));
		assertTrue(e.getMessage().startsWith("x.bin, offset 0x0: data at 0xFFFFFFFE..0x100000001 lies beyond"),
				e.getMessage());
	}

	@Test
	void anEmptyFileIsAnError() {
		ImageFormatException e = assertThrows(ImageFormatException.class,
				() -> new ImageBuilder("empty.hex", "Intel HEX").build());
		assertEquals("empty.hex: the file holds no data", e.getMessage());
	}

	@Test
	void digestsCoverTheSpanWithGapsFilledByTheErasedValue() throws Exception {
		FirmwareImage image = new ImageBuilder("a.hex", "Intel HEX")
				.add(0x10, new byte[] { 0x11 }, SourceLocation.line(1))
				.add(0x13, new byte[] { 0x22 }, SourceLocation.line(2)).build();
		byte[] filled = { 0x11, (byte) 0xFF, (byte) 0xFF, 0x22 };
		CRC32 crc = new CRC32();
		crc.update(filled);

		assertEquals(crc.getValue(), image.crc32());
		assertEquals(java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(filled)), image.sha256());
		assertArrayEquals(filled, image.read(0x10, 4));
	}

	@Test
	void sameContentIgnoresHowRecordsWereSplit() throws ImageFormatException {
		FirmwareImage whole = new ImageBuilder("a.bin", "raw binary").add(0, new byte[] { 1, 2, 3, 4 },
				SourceLocation.offset(0)).build();
		FirmwareImage pieces = new ImageBuilder("a.hex", "Intel HEX").add(2, new byte[] { 3, 4 }, SourceLocation.line(2))
				.add(0, new byte[] { 1, 2 }, SourceLocation.line(1)).build();
		assertTrue(whole.sameContentAs(pieces));
		assertEquals(whole.sha256(), pieces.sha256());
	}
}
