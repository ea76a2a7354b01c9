package io.mintage.image.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mintage.core.image.FirmwareImage;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.image.LoadedImage;
import io.mintage.image.ReadOptions;
import io.mintage.image.tests.TestResources;

/**
 * Builds a real Cortex-M firmware with the GNU ARM toolchain, converts it with objcopy and checks that
 * every reader sees the same image. The ELF is the reference: objcopy derives all other files from it.
 */
class CrossFormatTest {

	private static final long FLASH = 0x0800_0000L;
	/** Moves the firmware to 0xFF80 so it crosses 64 KiB and objcopy must use segment address records. */
	private static final long LOW_ADDRESS = 0xFF80;

	@TempDir
	static Path build;

	private static final FirmwareImageLoader loader = new FirmwareImageLoader(
			List.of(new IntelHexReader(), new SRecordReader(), new ElfReader(), new RawBinaryReader()));

	private static FirmwareImage reference;

	@BeforeAll
	static void buildFirmware() throws Exception {
		String gcc = tool("arm-none-eabi-gcc");
		String objcopy = tool("arm-none-eabi-objcopy");
		Path elf = build.resolve("firmware.elf");
		run(gcc, "-mcpu=cortex-m3", "-mthumb", "-nostdlib", "-nostartfiles", "-Os", "-Wall", "-Werror",
				"-T", TestResources.file("firmware/firmware.ld").toString(), "-o", elf.toString(),
				TestResources.file("firmware/firmware.c").toString());
		run(objcopy, "-O", "ihex", elf.toString(), build.resolve("firmware.hex").toString());
		run(objcopy, "-O", "srec", elf.toString(), build.resolve("firmware.srec").toString());
		run(objcopy, "-O", "srec", "--srec-forceS3", "--srec-len=8", elf.toString(),
				build.resolve("firmware.s37").toString());
		run(objcopy, "-O", "binary", "--gap-fill", "0xFF", elf.toString(), build.resolve("firmware.bin").toString());
		run(objcopy, "-O", "ihex", "--change-addresses=-0x" + Long.toHexString(FLASH - LOW_ADDRESS), elf.toString(),
				build.resolve("low.hex").toString());
		reference = load("firmware.elf", ReadOptions.defaults()).image();
	}

	private static LoadedImage load(String name, ReadOptions options) throws Exception {
		return loader.load(build.resolve(name), name, null, options);
	}

	@Test
	void theElfImageHoldsFlashContentOnly() throws Exception {
		assertEquals(FLASH, reference.lowestAddress());
		assertTrue(reference.endAddress() < FLASH + 0x1000, reference::toString);
		assertEquals(1, reference.segments().size(), "all flash sections follow each other: " + reference);
		assertTrue(reference.entryPoint().isPresent());
		String flash = new String(reference.read(FLASH, (int) reference.span()), StandardCharsets.ISO_8859_1);
		assertTrue(flash.contains("mintage\0"), "the initialised .data is stored in flash at its load address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "firmware.hex", "firmware.srec", "firmware.s37" })
	void everyFormatWithAddressesHoldsTheSameImageAsTheElf(String name) throws Exception {
		FirmwareImage image = load(name, ReadOptions.defaults()).image();

		assertSameImage(image);
		assertEquals(reference.entryPoint(), image.entryPoint());
	}

	@Test
	void theRawBinaryAtTheFlashBaseHoldsTheSameImageAsTheElf() throws Exception {
		LoadedImage loaded = load("firmware.bin", ReadOptions.defaults().withBaseAddress(FLASH));

		assertSameImage(loaded.image());
		assertEquals("bin", loaded.formatId());
	}

	@Test
	void hexWithSegmentAddressingAcross64KiBHoldsTheSameBytes() throws Exception {
		String text = Files.readString(build.resolve("low.hex"), StandardCharsets.US_ASCII);
		assertTrue(text.contains(":02000002"), "objcopy wrote an extended segment address record");

		FirmwareImage image = load("low.hex", ReadOptions.defaults()).image();

		assertEquals(LOW_ADDRESS, image.lowestAddress());
		assertEquals(reference.span(), image.span());
		assertArrayEquals(reference.read(FLASH, (int) reference.span()), image.read(LOW_ADDRESS, (int) image.span()));
		assertEquals(reference.sha256(), image.sha256());
		// Below 1 MiB objcopy states the moved entry point as CS:IP in a type 03 record.
		assertTrue(text.contains(":04000003"), "objcopy wrote a start segment address record");
		assertEquals(reference.entryPoint().getAsLong() - (FLASH - LOW_ADDRESS), image.entryPoint().getAsLong());
	}

	private static void assertSameImage(FirmwareImage image) {
		assertEquals(reference.sha256(), image.sha256());
		assertEquals(reference.crc32(), image.crc32());
		assertTrue(image.sameContentAs(reference), () -> image + " differs from " + reference);
		assertEquals(reference.lowestAddress(), image.lowestAddress());
		assertEquals(reference.endAddress(), image.endAddress());
	}

	/** The tool on the PATH; failing, not skipping, as a skipped cross-check would hide reader bugs. */
	private static String tool(String name) {
		for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(folder, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return fail(name + " is not on the PATH; run ./mintage test, which installs the GNU ARM toolchain");
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
				.directory(build.toFile()).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			fail(String.join(" ", command) + " did not finish within 2 minutes");
		}
		assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
	}
}
