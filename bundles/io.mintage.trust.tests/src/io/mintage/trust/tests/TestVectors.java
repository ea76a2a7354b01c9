package io.mintage.trust.tests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.CertificateIssuer;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.SerialRange;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.SoftwareSigningKey;

/**
 * The official test vectors of docs/test-vectors/record-v1.txt, made from fixed inputs with
 * deterministic signatures (RFC 6979), so that they come out byte for byte the same on every run.
 */
final class TestVectors {

	static final String FILE = "test-vectors/record-v1.txt";

	static final String AUTHORITY_KEY_SEED = "Mintage TEST authority key, published, never use in a product";
	static final String BATCH_KEY_SEED = "Mintage TEST batch key, published, never use in a product";
	static final String FIRMWARE_TEXT = "Mintage test firmware";

	static final SoftwareSigningKey AUTHORITY_KEY = new SoftwareSigningKey(sha256(AUTHORITY_KEY_SEED));
	static final SoftwareSigningKey BATCH_KEY = new SoftwareSigningKey(sha256(BATCH_KEY_SEED));

	static final UUID QUOTA_ID = UUID.fromString("5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59");
	static final ProductId PRODUCT = new ProductId(0x13572468L);
	static final SerialRange SERIALS = new SerialRange(new SerialNumber(0x0001_0000L), 10_000);
	static final Instant NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");

	static final SerialNumber SERIAL = new SerialNumber(0x0001_04D2L);
	/** An STM32 UID: X and Y on the wafer (16 bits each), wafer number, lot number in ASCII. */
	static final DeviceUid UID = DeviceUid.parse("2b0047000e51363236313533");
	static final FirmwareHash FIRMWARE = FirmwareHash.of(sha256(FIRMWARE_TEXT));

	static final SerialNumber SERIAL_UID16 = new SerialNumber(0x0001_04D3L);
	/** An LPC11C24 UID: the four 32-bit words the ISP's "read UID" command returns. */
	static final DeviceUid UID16 = DeviceUid.parse("0a0f1a274d3f5b8c514e2a36f5000002");

	final BatchCertificate certificate;
	final DeviceRecord record;
	final DeviceRecord recordWithFirmwareHash;
	final DeviceRecord recordUid16;

	private TestVectors() throws TrustException {
		certificate = new CertificateIssuer(AUTHORITY_KEY).issue(
				new BatchCertificate.Content(QUOTA_ID, PRODUCT, SERIALS, NOT_AFTER, BATCH_KEY.publicKey()));
		RecordSigner signer = new RecordSigner(BATCH_KEY, certificate);
		record = signer.sign(SERIAL, UID, Optional.empty());
		recordWithFirmwareHash = signer.sign(SERIAL, UID, Optional.of(FIRMWARE));
		recordUid16 = signer.sign(SERIAL_UID16, UID16, Optional.empty());
	}

	static TestVectors generate() throws TrustException {
		return new TestVectors();
	}

	/** The whole text of docs/test-vectors/record-v1.txt as it must be. */
	String fileText() {
		StringBuilder out = new StringBuilder();
		comment(out, "Mintage device record and batch certificate, version 1: the official test vectors (docs/formats.md).");
		comment(out, "One value per line, \"name: lower-case hex\"; lines starting with # are comments.");
		comment(out, "Integers are written as big-endian hex text (product_id: 8 digits = the uint32); inside the");
		comment(out, "certificate and record bytes they are little-endian, as the layout says. UUIDs are their 16 bytes.");
		comment(out, "");
		comment(out, "Generated from the fixed inputs below with deterministic ECDSA (RFC 6979, HMAC-SHA-256) by");
		comment(out, "io.mintage.trust.tests.TestVectorsTest, which fails when this file differs from what it generates.");
		comment(out, "Never edit by hand; after a deliberate change, regenerate it (the tests run in their own JVM,");
		comment(out, "which takes system properties through tycho.testArgLine) and review the diff:");
		comment(out, "  ./mvnw -B verify -pl target-platform,bundles/io.mintage.core,bundles/io.mintage.trust,"
				+ "bundles/io.mintage.trust.tests -Dtycho.testArgLine=-Dmintage.vectors.write=true");
		out.append('\n');
		comment(out, "TEST KEYS. They are published here and protect nothing: never use them in a product.");
		comment(out, "Each private key is the SHA-256 of an ASCII text:");
		comment(out, "  authority: \"" + AUTHORITY_KEY_SEED + "\"");
		comment(out, "  batch:     \"" + BATCH_KEY_SEED + "\"");
		value(out, "authority_private_key", AUTHORITY_KEY.privateKeyBytes());
		value(out, "authority_public_key", AUTHORITY_KEY.publicKey().bytes());
		value(out, "batch_private_key", BATCH_KEY.privateKeyBytes());
		value(out, "batch_public_key", BATCH_KEY.publicKey().bytes());
		out.append('\n');
		comment(out, "The batch certificate (176 bytes) the authority issues for one quota.");
		comment(out, "quota_id " + QUOTA_ID + ", serials " + SERIALS + ", not_after " + NOT_AFTER);
		value(out, "quota_id", uuidBytes(QUOTA_ID));
		out.append("product_id: ").append(String.format("%08x", PRODUCT.value())).append('\n');
		out.append("serial_first: ").append(String.format("%08x", SERIALS.first().value())).append('\n');
		out.append("serial_count: ").append(String.format("%08x", SERIALS.count())).append('\n');
		out.append("not_after: ").append(String.format("%016x", NOT_AFTER.getEpochSecond())).append('\n');
		value(out, "batch_certificate", certificate.encode());
		out.append('\n');
		comment(out, "A record (304 bytes) for a chip with a 12-byte UID (STM32: X, Y, wafer, lot), serial "
				+ SERIAL.value() + ", no firmware hash.");
		out.append("serial: ").append(String.format("%08x", SERIAL.value())).append('\n');
		value(out, "uid", UID.bytes());
		value(out, "record", record.encode());
		out.append('\n');
		comment(out, "The same chip and serial with a firmware hash (flags bit 0 set).");
		comment(out, "firmware_sha256 is the SHA-256 of the ASCII text \"" + FIRMWARE_TEXT + "\".");
		value(out, "firmware_sha256", FIRMWARE.bytes());
		value(out, "record_with_firmware_hash", recordWithFirmwareHash.encode());
		out.append('\n');
		comment(out, "A chip with a 16-byte UID (LPC11C24: the ISP's four UID words), serial " + SERIAL_UID16.value()
				+ ", no firmware hash.");
		out.append("serial_uid16: ").append(String.format("%08x", SERIAL_UID16.value())).append('\n');
		value(out, "uid16", UID16.bytes());
		value(out, "record_uid16", recordUid16.encode());
		return out.toString();
	}

	/** The hex blocks docs/formats.md shows under "Test vectors", 32 bytes a line with the offset first. */
	static String hexDump(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (int offset = 0; offset < bytes.length; offset += 32) {
			out.append(String.format("%3d  ", offset));
			out.append(HexFormat.ofDelimiter(" ").formatHex(bytes, offset, Math.min(offset + 32, bytes.length)));
			out.append('\n');
		}
		return out.toString();
	}

	private static void comment(StringBuilder out, String text) {
		out.append(text.isEmpty() ? "#" : "# " + text).append('\n');
	}

	private static void value(StringBuilder out, String name, byte[] bytes) {
		out.append(name).append(": ").append(HexFormat.of().formatHex(bytes)).append('\n');
	}

	static byte[] uuidBytes(UUID uuid) {
		return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
				.array();
	}

	/** The JDK's SHA-256, independent of the code under test. */
	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java has SHA-256", e);
		}
	}
}
