package io.mintage.image;

import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static io.mintage.image.tests.Records.hexData;
import static io.mintage.image.tests.Records.hexEndOfFile;
import static io.mintage.image.tests.Records.lines;
import static io.mintage.image.tests.Records.srec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.image.internal.ElfReader;
import io.mintage.image.internal.IntelHexReader;
import io.mintage.image.internal.RawBinaryReader;
import io.mintage.image.internal.SRecordReader;
import io.mintage.image.tests.ElfFile;

class FirmwareImageLoaderTest {

	private static final byte[] HEX = lines(hexData(0, 1, 2), hexEndOfFile());
	private static final byte[] SREC = lines(srec(1, 0, 1, 2), srec(9, 0));
	private static final byte[] ELF = new ElfFile().load(0, new byte[] { 1, 2 }).bytes();

	private final FirmwareImageLoader loader = new FirmwareImageLoader(
			List.of(new IntelHexReader(), new SRecordReader(), new ElfReader(), new RawBinaryReader()));

	@ParameterizedTest
	@CsvSource({ "a.hex, ihex", "a.IHEX, ihex", "dir.v2/a.ihx, ihex", "a.srec, srec", "a.s19, srec", "a.s28, srec",
			"a.S37, srec", "a.mot, srec", "a.s, srec", "a.elf, elf", "a.axf, elf", "a.out, elf", "a.bin, bin" })
	void picksTheReaderByExtension(String fileName, String formatId) throws Exception {
		byte[] content = switch (formatId) {
		case "ihex" -> HEX;
		case "srec" -> SREC;
		case "elf" -> ELF;
		default -> new byte[] { 1, 2 };
		};

		LoadedImage loaded = loader.read(fileName, content, null, ReadOptions.defaults());

		assertEquals(formatId, loaded.formatId());
		assertEquals(2, loaded.image().dataSize());
	}

	@ParameterizedTest
	@CsvSource({ "firmware, ihex", "firmware.dat, srec", "image.img, elf" })
	void sniffsTheContentWhenTheExtensionSaysNothing(String fileName, String formatId) throws Exception {
		byte[] content = switch (formatId) {
		case "ihex" -> HEX;
		case "srec" -> SREC;
		default -> ELF;
		};

		assertEquals(formatId, loader.read(fileName, content, null, ReadOptions.defaults()).formatId());
	}

	@Test
	void letsTheExtensionWinOverTheContent() {
		assertProblem("looks-like-hex.elf", "offset 0x0", "not an ELF file",
				() -> loader.read("looks-like-hex.elf", HEX, null, ReadOptions.defaults()));
	}

	@Test
	void letsAnExplicitFormatWinOverExtensionAndContent() throws Exception {
		LoadedImage loaded = loader.read("a.hex", HEX, "bin", ReadOptions.defaults().withBaseAddress(0x100));

		assertEquals("bin", loaded.formatId());
		assertEquals(HEX.length, loaded.image().dataSize());
		assertFalse(loaded.baseAddressAssumed());
	}

	@Test
	void saysWhenItCannotTellTheFormat() {
		assertProblem("firmware.dat", null, "cannot tell the format of this file",
				() -> loader.read("firmware.dat", new byte[] { 0, 1, 2 }, null, ReadOptions.defaults()));
		assertProblem("firmware.dat", null, "give --format bin|elf|ihex|srec",
				() -> loader.read("firmware.dat", new byte[0], null, ReadOptions.defaults()));
	}

	@Test
	void reportsAnUnknownFormatId() {
		assertProblem("a.hex", null, "unknown format 'intel'; known formats are bin, elf, ihex, srec",
				() -> loader.read("a.hex", HEX, "intel", ReadOptions.defaults()));
	}

	@Test
	void refusesABaseAddressForFormatsWithTheirOwnAddresses() {
		assertProblem("a.hex", null, "--base applies to raw binary files only; this file is Intel HEX",
				() -> loader.read("a.hex", HEX, null, ReadOptions.defaults().withBaseAddress(0x0800_0000L)));
	}

	@Test
	void saysWhenItAssumedTheBaseAddressOfARawBinary() throws Exception {
		LoadedImage assumed = loader.read("a.bin", new byte[] { 1 }, null, ReadOptions.defaults());
		LoadedImage placed = loader.read("a.bin", new byte[] { 1 }, null,
				ReadOptions.defaults().withBaseAddress(0x0800_0000L));

		assertTrue(assumed.baseAddressAssumed());
		assertEquals(0, assumed.image().lowestAddress());
		assertFalse(placed.baseAddressAssumed());
		assertEquals(0x0800_0000L, placed.image().lowestAddress());
	}

	@Test
	void loadsAFileFromDisk(@TempDir Path folder) throws Exception {
		Path file = Files.write(folder.resolve("fw.hex"), HEX);

		LoadedImage loaded = loader.load(file, ReadOptions.defaults());

		assertEquals("ihex", loaded.formatId());
		assertEquals("Intel HEX", loaded.formatName());
	}

	@Test
	void reportsAMissingFileByTheNameGiven(@TempDir Path folder) {
		assertProblem("fw.hex", null, "no such file (looked for " + folder.resolve("fw.hex").toAbsolutePath(),
				() -> loader.load(folder.resolve("fw.hex"), "fw.hex", null, ReadOptions.defaults()));
	}

	@Test
	void reportsAFolder(@TempDir Path folder) {
		assertProblem("build", null, "is a folder",
				() -> loader.load(folder, "build", null, ReadOptions.defaults()));
	}

	@Test
	void refusesAFileAboveTheSizeLimit(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("huge.bin");
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(FirmwareImageLoader.MAX_FILE_SIZE + 1L);
		}

		assertProblem("huge.bin", null, "larger than 64 MiB",
				() -> loader.load(file, "huge.bin", null, ReadOptions.defaults()));
	}

	@Test
	void followsReadersComingAndGoing() throws Exception {
		FirmwareImageLoader dynamic = new FirmwareImageLoader();
		IntelHexReader hex = new IntelHexReader();
		dynamic.addReader(hex);
		dynamic.addReader(new ElfReader());

		assertEquals(List.of("elf", "ihex"), dynamic.formatIds());
		assertEquals("ihex", dynamic.read("a.hex", HEX, null, ReadOptions.defaults()).formatId());

		dynamic.removeReader(hex);

		assertEquals(List.of("elf"), dynamic.formatIds());
		assertProblem("a.hex", null, "no reader for 'ihex' files is installed",
				() -> dynamic.read("a.hex", HEX, null, ReadOptions.defaults()));
	}
}
