package io.mintage.image.internal;

import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.Segment;
import io.mintage.image.ReadOptions;

class RawBinaryReaderTest {

	private static final String FILE = "blinky.bin";

	private final RawBinaryReader reader = new RawBinaryReader();

	@Test
	void placesTheWholeFileAtTheBaseAddress() throws Exception {
		FirmwareImage image = reader.read(FILE, new byte[] { 1, 2, 3 },
				ReadOptions.defaults().withBaseAddress(0x0800_0000L));

		assertEquals(List.of(new Segment(0x0800_0000L, new byte[] { 1, 2, 3 })), image.segments());
		assertEquals("raw binary", image.format());
		assertEquals(true, image.entryPoint().isEmpty());
	}

	@Test
	void placesTheFileAtZeroWithoutABaseAddress() throws Exception {
		assertEquals(0, reader.read(FILE, new byte[] { 1 }, ReadOptions.defaults()).lowestAddress());
	}

	@Test
	void fillsTheTopOfTheAddressSpaceExactly() throws Exception {
		FirmwareImage image = reader.read(FILE, new byte[] { 1, 2 },
				ReadOptions.defaults().withBaseAddress(0xFFFF_FFFEL));

		assertEquals(1L << 32, image.endAddress());
	}

	@Test
	void neverRecognizesContent() {
		assertFalse(reader.recognizes("x.bin", new byte[] { 0x7F, 'E', 'L', 'F' }));
	}

	@Test
	void reportsAnEmptyFile() {
		assertProblem(FILE, "offset 0x0", "the file is empty",
				() -> reader.read(FILE, new byte[0], ReadOptions.defaults()));
	}

	@Test
	void reportsAFileRunningPastThe32BitAddressSpaceAtTheFirstByteOutside() {
		assertProblem(FILE, "offset 0x2", "would end at 0x100000000, beyond the 32-bit address space",
				() -> reader.read(FILE, new byte[] { 1, 2, 3 }, ReadOptions.defaults().withBaseAddress(0xFFFF_FFFEL)));
	}
}
