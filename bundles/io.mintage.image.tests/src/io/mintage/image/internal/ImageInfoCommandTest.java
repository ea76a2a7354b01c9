package io.mintage.image.internal;

import static io.mintage.image.tests.Records.hex;
import static io.mintage.image.tests.Records.hexData;
import static io.mintage.image.tests.Records.hexEndOfFile;
import static io.mintage.image.tests.Records.hexLinearBase;
import static io.mintage.image.tests.Records.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.image.FirmwareImageLoader;

class ImageInfoCommandTest {

	@TempDir
	Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private final Command command = new ImageInfoCommand(new FirmwareImageLoader(
			List.of(new IntelHexReader(), new SRecordReader(), new ElfReader(), new RawBinaryReader())));

	private final CommandContext context = new CommandContext() {
		private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
		private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

		@Override
		public PrintStream out() {
			return outStream;
		}

		@Override
		public PrintStream err() {
			return errStream;
		}

		@Override
		public Path workingDirectory() {
			return folder;
		}

		@Override
		public Path stateDirectory() {
			return folder.resolve("state");
		}
	};

	/** Two segments with a two-byte gap: 0x08000000..0x08000001 and 0x08000004. */
	private void writeTwoSegmentHex(String name) throws Exception {
		Files.write(folder.resolve(name), lines(hexLinearBase(0x0800_0000L), hexData(0, 0x11, 0x22), hexData(4, 0x33),
				hex(0x05, 0, 0x08, 0x00, 0x00, 0x01), hexEndOfFile()));
	}

	private static String crcOfSpan() {
		CRC32 crc = new CRC32();
		crc.update(new byte[] { 0x11, 0x22, (byte) 0xFF, (byte) 0xFF, 0x33 });
		return String.format("0x%08X", crc.getValue());
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void printsSegmentsSizesRangeEntryAndChecksums() throws Exception {
		writeTwoSegmentHex("fw.hex");

		int exitCode = command.run(context, List.of("fw.hex"));

		assertEquals(Command.OK, exitCode);
		String text = output();
		assertTrue(text.contains("file:          fw.hex"), text);
		assertTrue(text.contains("format:        Intel HEX"), text);
		assertTrue(text.contains("segments:      2"), text);
		assertTrue(text.contains("  0x08000000..0x08000001  2 bytes"), text);
		assertTrue(text.contains("  0x08000004..0x08000004  1 bytes"), text);
		assertTrue(text.contains("data size:     3 bytes"), text);
		assertTrue(text.contains("span:          5 bytes"), text);
		assertTrue(text.contains("address range: 0x08000000..0x08000004"), text);
		assertTrue(text.contains("entry point:   0x08000001"), text);
		assertTrue(text.contains("CRC-32:        " + crcOfSpan()), text);
		assertTrue(text.matches("(?s).*SHA-256:       [0-9a-f]{64}\\R"), text);
		assertEquals("", err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void printsOneJsonObject() throws Exception {
		writeTwoSegmentHex("fw.hex");

		assertEquals(Command.OK, command.run(context, List.of("--json", "fw.hex")));

		String json = output().strip();
		assertTrue(json.startsWith("{\"file\":\"fw.hex\",\"format\":\"ihex\",\"formatName\":\"Intel HEX\","
				+ "\"baseAddressAssumed\":false,\"segments\":[{\"first\":\"0x08000000\",\"last\":\"0x08000001\","
				+ "\"size\":2},{\"first\":\"0x08000004\",\"last\":\"0x08000004\",\"size\":1}],\"dataSize\":3,"
				+ "\"span\":5,\"first\":\"0x08000000\",\"last\":\"0x08000004\",\"entryPoint\":\"0x08000001\","
				+ "\"crc32\":\"" + crcOfSpan() + "\",\"sha256\":\""), json);
		assertTrue(json.matches("\\{.*\"sha256\":\"[0-9a-f]{64}\"}"), json);
		assertEquals(1, output().lines().count());
	}

	@Test
	void escapesTheFileNameInJson() throws Exception {
		writeTwoSegmentHex("we\"ird\\name\t.hex");

		command.run(context, List.of("--json", "we\"ird\\name\t.hex"));

		assertTrue(output().contains("\"file\":\"we\\\"ird\\\\name\\t.hex\""), output());
	}

	@Test
	void warnsWhenTheBaseOfARawBinaryIsAssumed() throws Exception {
		Files.write(folder.resolve("fw.bin"), new byte[] { 1, 2, 3, 4 });

		command.run(context, List.of("fw.bin", "--json"));

		assertTrue(err.toString(StandardCharsets.UTF_8).contains("no --base given"));
		assertTrue(output().contains("\"baseAddressAssumed\":true"), output());
		assertTrue(output().contains("\"entryPoint\":null"), output());
	}

	@Test
	void placesARawBinaryAtTheBaseGiven() throws Exception {
		Files.write(folder.resolve("fw.bin"), new byte[] { 1, 2, 3, 4 });

		command.run(context, List.of("fw.bin", "--base", "0x08000000", "--format=bin"));

		assertTrue(output().contains("address range: 0x08000000..0x08000003"), output());
		assertEquals("", err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void failsWithTheReadersMessageOnAMalformedFile() throws Exception {
		Files.write(folder.resolve("bad.hex"), lines(hexData(0, 1), ":0100000001" + "00", hexEndOfFile()));

		CommandException error = assertThrows(CommandException.class, () -> command.run(context, List.of("bad.hex")));

		assertEquals(CommandException.FAILED, error.exitCode());
		assertEquals("bad.hex, line 2: checksum mismatch: the record says 0x00, but its bytes give 0xFE",
				error.getMessage());
		assertEquals("", output());
	}

	@Test
	void failsNamingAMissingFile() {
		CommandException error = assertThrows(CommandException.class, () -> command.run(context, List.of("gone.hex")));

		assertEquals(CommandException.FAILED, error.exitCode());
		assertTrue(error.getMessage().startsWith("gone.hex: no such file"), error.getMessage());
	}

	@Test
	void refusesABaseForAHexFile() throws Exception {
		writeTwoSegmentHex("fw.hex");

		CommandException error = assertThrows(CommandException.class,
				() -> command.run(context, List.of("fw.hex", "--base", "0")));

		assertTrue(error.getMessage().contains("--base applies to raw binary files only"), error.getMessage());
	}

	@Test
	void reportsUsageErrors() {
		assertEquals(CommandException.USAGE,
				assertThrows(CommandException.class, () -> command.run(context, List.of())).exitCode());
		assertEquals(CommandException.USAGE, assertThrows(CommandException.class,
				() -> command.run(context, List.of("fw.hex", "--format", "intel"))).exitCode());
		assertEquals(CommandException.USAGE, assertThrows(CommandException.class,
				() -> command.run(context, List.of("fw.bin", "--base", "lots"))).exitCode());
	}

	@Test
	void describesItself() {
		assertTrue(command.usage().startsWith("image-info FILE"));
		assertTrue(!command.summary().isBlank());
	}
}
