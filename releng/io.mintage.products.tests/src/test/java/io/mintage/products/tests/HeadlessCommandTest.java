package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headless side of the products, run as a script or an MES would: through the launcher, with
 * files on disk, judged by standard output, standard error and the exit code.
 */
class HeadlessCommandTest {

	/** 8 bytes at 0x08000000 and 4 at 0x08000010, with a start address: a hand-checked Intel HEX file. */
	private static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:0400000508000101ED
			:00000001FF
			""";

	@TempDir
	Path state;

	@ParameterizedTest
	@ValueSource(strings = { "station", "admin" })
	void helpListsTheCommandsAndExitsZero(String role) throws Exception {
		Product.Result result = Product.built(role).run(state, state, Map.of(), "--help");
		assertEquals(0, result.exitCode(), result.toString());
		assertTrue(result.out().startsWith("Usage: mintage " + role + " <command> [options]"), result.toString());
		assertTrue(result.out().contains("  image-info  "), result.toString());
	}

	@Test
	void imageInfoPrintsSegmentsAndChecksumsAsJson() throws Exception {
		Files.writeString(state.resolve("fw.hex"), HEX, StandardCharsets.US_ASCII);
		Product.Result result = Product.built("station").run(state, state, Map.of(), "image-info", "fw.hex", "--json");

		assertEquals(0, result.exitCode(), result.toString());
		String json = result.out().replace(" ", "");
		assertTrue(json.contains("\"format\":\"ihex\""), json);
		assertTrue(json.contains("\"segments\":[{\"first\":\"0x08000000\",\"last\":\"0x08000007\",\"size\":8},"
				+ "{\"first\":\"0x08000010\",\"last\":\"0x08000013\",\"size\":4}]"), json);
		assertTrue(json.contains("\"dataSize\":12"), json);
		assertTrue(json.contains("\"entryPoint\":\"0x08000101\""), json);
		// 0x08000000..0x08000013 with gaps filled by 0xFF: CRC-32 and SHA-256 of those 20 bytes
		String filled = "0000022001010008FFFFFFFFFFFFFFFFDEADBEEF";
		assertTrue(json.contains("\"sha256\":\"" + Checksums.sha256Hex(filled) + "\""), json);
		assertTrue(json.contains(String.format("\"crc32\":\"0x%08X\"", Checksums.crc32(filled))), json);
	}

	@Test
	void aBadChecksumIsAPlainErrorNamingFileAndLine() throws Exception {
		Files.writeString(state.resolve("broken.hex"), HEX.replace("DEADBEEFB4", "DEADBEEFB5"));
		Product.Result result = Product.built("station").run(state, state, Map.of(), "image-info", "broken.hex");

		assertEquals(1, result.exitCode(), result.toString());
		assertTrue(result.err().startsWith("mintage station image-info: broken.hex, line 3: "), result.toString());
		assertTrue(result.err().contains("checksum"), result.toString());
		assertTrue(!result.err().contains("\tat "), "a stack trace reached the user: " + result);
	}

	@Test
	void aMissingFileAndAnUnknownCommandAreTold() throws Exception {
		Product product = Product.built("station");
		Product.Result missing = product.run(state, state, Map.of(), "image-info", "nowhere.hex");
		assertEquals(1, missing.exitCode(), missing.toString());
		assertTrue(missing.err().contains("nowhere.hex"), missing.toString());

		Product.Result unknown = product.run(state, state, Map.of(), "imageinfo");
		assertEquals(2, unknown.exitCode(), unknown.toString());
		assertTrue(unknown.err().contains("unknown command 'imageinfo'"), unknown.toString());
	}
}
