package io.mintage.image.internal;

import static io.mintage.image.tests.ElfFile.patch16;
import static io.mintage.image.tests.ElfFile.patch32;
import static io.mintage.image.tests.ElfFile.patch8;
import static io.mintage.image.tests.ElfFile.programHeaderOffset;
import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.Segment;
import io.mintage.image.ReadOptions;
import io.mintage.image.tests.ElfFile;

class ElfReaderTest {

	private static final String FILE = "blinky.elf";
	private static final byte[] CODE = { 0x00, 0x50, 0x00, 0x20, 0x09, 0x00, 0x00, 0x08 };
	private static final byte[] INITIALISED_DATA = { 1, 2, 3, 4 };

	// Offsets of fields the tests break, from the ELF32 layout.
	private static final int E_TYPE = 16;
	private static final int E_MACHINE = 18;
	private static final int E_PHOFF = 28;
	private static final int E_PHENTSIZE = 42;
	private static final int E_PHNUM = 44;
	private static final int P_OFFSET = 4;
	private static final int P_PADDR = 12;
	private static final int P_FILESZ = 16;

	private final ElfReader reader = new ElfReader();

	private FirmwareImage read(byte[] content) throws ImageFormatException {
		return reader.read(FILE, content, ReadOptions.defaults());
	}

	/** Code in flash, .data linked to RAM but stored after the code, and a .bss with nothing in the file. */
	private static byte[] firmware() {
		return new ElfFile().entry(0x0800_0009L)
				.load(0x0800_0000L, CODE)
				.load(0x2000_0000L, 0x0800_0008L, INITIALISED_DATA, 16)
				.load(0x2000_0010L, 0x2000_0010L, new byte[0], 64)
				.segment(ElfFile.PT_NOTE, 0x3000_0000L, new byte[] { 9 })
				.bytes();
	}

	@Test
	void placesLoadableSegmentsAtTheirPhysicalAddressWithoutBss() throws Exception {
		FirmwareImage image = read(firmware());

		byte[] expected = Arrays.copyOf(CODE, CODE.length + INITIALISED_DATA.length);
		System.arraycopy(INITIALISED_DATA, 0, expected, CODE.length, INITIALISED_DATA.length);
		assertEquals(List.of(new Segment(0x0800_0000L, expected)), image.segments());
		assertEquals(OptionalLong.of(0x0800_0009L), image.entryPoint());
		assertEquals("ELF32 ARM", image.format());
	}

	@Test
	void recognizesTheElfMagic() {
		assertTrue(reader.recognizes("x", firmware()));
		assertFalse(reader.recognizes("x", new byte[] { 0x7F, 'E', 'L' }));
		assertFalse(reader.recognizes("x", ":10000000".getBytes()));
	}

	@Test
	void reportsAFileThatIsNotElf() {
		assertProblem(FILE, "offset 0x0", "not an ELF file", () -> read(new byte[] { 0x7F, 'E', 'L', 'X', 1 }));
		assertProblem(FILE, "offset 0x0", "not an ELF file", () -> read(new byte[] { 0x7F }));
		assertProblem(FILE, "offset 0x0", "not an ELF file", () -> read(new byte[0]));
	}

	@Test
	void reportsAFileEndingInsideTheHeader() {
		assertProblem(FILE, "offset 0x14", "ends inside the ELF header", () -> read(Arrays.copyOf(firmware(), 20)));
	}

	@Test
	void reportsA64BitFile() {
		assertProblem(FILE, "offset 0x4", "64-bit ELF file", () -> read(patch8(firmware(), 4, 2)));
	}

	@Test
	void reportsABigEndianFile() {
		assertProblem(FILE, "offset 0x5", "big-endian", () -> read(patch8(firmware(), 5, 2)));
	}

	@Test
	void reportsAnUnknownVersion() {
		assertProblem(FILE, "offset 0x6", "unknown ELF version 7", () -> read(patch8(firmware(), 6, 7)));
	}

	@Test
	void reportsAnObjectFile() {
		assertProblem(FILE, "offset 0x10", "relocatable object file", () -> read(patch16(firmware(), E_TYPE, 1)));
	}

	@Test
	void reportsAnotherMachineByNumberAndName() {
		assertProblem(FILE, "offset 0x12", "built for machine 62 (x86-64), not for ARM (machine 40)",
				() -> read(patch16(firmware(), E_MACHINE, 62)));
		assertProblem(FILE, "offset 0x12", "built for machine 999, not for ARM",
				() -> read(patch16(firmware(), E_MACHINE, 999)));
	}

	@Test
	void reportsMissingProgramHeaders() {
		assertProblem(FILE, "offset 0x2C", "no program headers", () -> read(patch16(firmware(), E_PHNUM, 0)));
	}

	@Test
	void reportsProgramHeadersOfTheWrongSize() {
		assertProblem(FILE, "offset 0x2A", "take 16 bytes each", () -> read(patch16(firmware(), E_PHENTSIZE, 16)));
	}

	@Test
	void reportsAProgramHeaderTableOutsideTheFile() {
		assertProblem(FILE, "offset 0x1C", "program header table at offset 0xFFFFFFF0",
				() -> read(patch32(firmware(), E_PHOFF, 0xFFFF_FFF0L)));
		assertProblem(FILE, "offset 0x1C", "lies outside the file",
				() -> read(patch16(firmware(), E_PHNUM, 0xFFFE)));
	}

	@Test
	void reportsSegmentDataOutsideTheFileWithoutOverflowing() {
		int header = programHeaderOffset(0);

		assertProblem(FILE, "offset 0x34", "runs past the end of the file",
				() -> read(patch32(firmware(), header + P_OFFSET, 0xFFFF_FFFCL)));
		assertProblem(FILE, "offset 0x34", "runs past the end of the file",
				() -> read(patch32(patch32(firmware(), header + P_FILESZ, 0xFFFF_FFF0L), header + 20, 0xFFFF_FFF0L)));
	}

	@Test
	void reportsMoreFileBytesThanMemoryBytes() {
		assertProblem(FILE, "offset 0x54", "20 bytes in the file but only 16 in memory",
				() -> read(patch32(firmware(), programHeaderOffset(1) + P_FILESZ, 20)));
	}

	@Test
	void reportsAFileWithoutLoadableData() {
		byte[] onlyBss = new ElfFile().load(0x2000_0000L, 0x2000_0000L, new byte[0], 64)
				.segment(ElfFile.PT_NOTE, 0, new byte[] { 1 }).bytes();

		assertProblem(FILE, "offset 0x34", "no loadable data", () -> read(onlyBss));
	}

	@Test
	void reportsASegmentBeyondThe32BitAddressSpace() {
		assertProblem(FILE, "offset 0x34", "beyond the 32-bit address space",
				() -> read(patch32(firmware(), programHeaderOffset(0) + P_PADDR, 0xFFFF_FFFCL)));
	}

	@Test
	void reportsOverlappingSegmentsWithDifferentBytesNamingBothHeaders() {
		assertProblem(FILE, "offset 0x54", "contradicts offset 0x34",
				() -> read(patch32(firmware(), programHeaderOffset(1) + P_PADDR, 0x0800_0004L)));
	}

	@Test
	void refusesABaseAddress() {
		assertProblem(FILE, null, "raw binary files only",
				() -> reader.read(FILE, firmware(), ReadOptions.defaults().withBaseAddress(0)));
	}
}
