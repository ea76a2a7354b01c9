package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.internal.P256;
import io.mintage.trust.internal.SoftwareSigningKey;
import io.mintage.testing.DocsFiles;
import io.mintage.testing.VectorFile;

/**
 * The committed test vectors are exactly what the code generates from the fixed inputs. To rewrite the
 * file after a deliberate change of format or inputs, set the system property
 * {@code mintage.vectors.write=true} in the test JVM, which tycho-surefire forks, so through its arg
 * line: {@code ./mvnw verify -pl … -Dtycho.testArgLine=-Dmintage.vectors.write=true}; then review the
 * diff. docs/formats.md's hex blocks are prose and updated by hand from the dump this test prints.
 */
class TestVectorsTest {

	private static final String WRITE_PROPERTY = "mintage.vectors.write";

	@Test
	void committedFileIsWhatTheCodeGenerates() throws Exception {
		DocsFiles.assertCommitted(TestVectors.FILE, TestVectors.generate().fileText(), "vectors", WRITE_PROPERTY);
	}

	@Test
	void formatsDocumentShowsTheVectorsInHex() throws Exception {
		TestVectors vectors = TestVectors.generate();
		String formats = Files.readString(DocsFiles.file("formats.md"), StandardCharsets.UTF_8);
		String certificate = TestVectors.hexDump(vectors.certificate.encode());
		String record = TestVectors.hexDump(vectors.record.encode());
		if (!formats.contains(certificate) || !formats.contains(record)) {
			System.out.println("---- batch_certificate ----\n" + certificate + "---- record ----\n" + record);
			fail("docs/formats.md does not show the current test vectors (printed above)");
		}
		assertTrue(formats.contains(TestVectors.FILE), "docs/formats.md names " + TestVectors.FILE);
	}

	@Test
	void fileHoldsEveryValueTheFirmwareTestsRead() throws Exception {
		VectorFile file = VectorFile.read(DocsFiles.file(TestVectors.FILE));
		assertEquals(Arrays.asList("authority_private_key", "authority_public_key", "batch_private_key",
				"batch_public_key", "quota_id", "product_id", "serial_first", "serial_count", "not_after",
				"batch_certificate", "serial", "uid", "record", "firmware_sha256", "record_with_firmware_hash",
				"serial_uid16", "uid16", "record_uid16"), list(file.names()));
		assertEquals(176, file.get("batch_certificate").length);
		assertEquals(304, file.get("record").length);
		assertEquals(304, file.get("record_with_firmware_hash").length);
		assertEquals(304, file.get("record_uid16").length);
		assertEquals(12, file.get("uid").length);
		assertEquals(16, file.get("uid16").length);
		assertEquals(0x13572468L, file.number("product_id"));
		// the public keys are those of the private keys, and the certificate embeds the batch key and quota id
		assertArrayEquals(file.get("authority_public_key"),
				SoftwareSigningKey.parse(HexFormat.of().formatHex(file.get("authority_private_key"))).publicKey().bytes());
		assertArrayEquals(file.get("batch_public_key"),
				SoftwareSigningKey.parse(HexFormat.of().formatHex(file.get("batch_private_key"))).publicKey().bytes());
		assertArrayEquals(file.get("batch_public_key"), Arrays.copyOfRange(file.get("batch_certificate"), 44, 109));
		assertArrayEquals(file.get("quota_id"), Arrays.copyOfRange(file.get("batch_certificate"), 8, 24));
		assertArrayEquals(file.get("batch_certificate"), Arrays.copyOfRange(file.get("record"), 64, 240));
	}

	/** RFC 6979 A.2.5 (P-256, SHA-256): the signatures are the standard's deterministic ones. */
	@Test
	void signsAsRfc6979() {
		SoftwareSigningKey key = SoftwareSigningKey.parse(
				"c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
		assertArrayEquals(HexFormat.of().parseHex("04"
				+ "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
				+ "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"), key.publicKey().bytes());
		assertEquals(signature("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
				"f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"), key.sign(ascii("sample")));
		assertEquals(signature("f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
				"019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"), key.sign(ascii("test")));
		assertTrue(P256.verify(key.publicKey(), ascii("sample"), key.sign(ascii("sample"))));
	}

	@Test
	void keysNeverShowInToString() {
		SoftwareSigningKey key = TestVectors.AUTHORITY_KEY;
		String privateHex = HexFormat.of().formatHex(key.privateKeyBytes());
		String publicHex = HexFormat.of().formatHex(key.publicKey().bytes());
		for (String text : new String[] { key.toString(), key.publicKey().toString() }) {
			assertTrue(!text.contains(privateHex) && !text.contains(publicHex.substring(2, 18)), text);
		}
		assertTrue(key.publicKey().toString().startsWith("P-256 key SHA-256:"), key.publicKey().toString());
	}

	private static EcdsaSignature signature(String r, String s) {
		return EcdsaSignature.of(HexFormat.of().parseHex(r + s));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static List<String> list(Iterable<String> names) {
		List<String> out = new ArrayList<>();
		names.forEach(out::add);
		return out;
	}
}
