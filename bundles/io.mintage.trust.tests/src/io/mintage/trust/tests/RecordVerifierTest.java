package io.mintage.trust.tests;

import static io.mintage.trust.tests.Committed.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.CertificateIssuer;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordCheck;
import io.mintage.trust.RecordRefusedException;
import io.mintage.trust.RecordVerifier;
import io.mintage.trust.internal.SoftwareSigningKey;

class RecordVerifierTest {

	private static final Clock BEFORE_NOT_AFTER = fixedAt("2027-06-01T12:00:00Z");
	private static final FirmwareHash OTHER_FIRMWARE = FirmwareHash.of(TestVectors.sha256("other firmware"));
	private static final SoftwareSigningKey STRANGER = new SoftwareSigningKey(TestVectors.sha256("a stranger's key"));

	private final RecordVerifier verifier = new RecordVerifier(authorityKey(), TestVectors.PRODUCT, BEFORE_NOT_AFTER);
	private final byte[] record = Committed.get("record");

	@Test
	void acceptsTheVectors() throws Exception {
		DeviceRecord accepted = verifier.verify(record, TestVectors.UID, OTHER_FIRMWARE);
		assertEquals(TestVectors.SERIAL, accepted.serial());
		verifier.verify(Committed.get("record_with_firmware_hash"), TestVectors.UID, TestVectors.FIRMWARE);
		verifier.verify(Committed.get("record_uid16"), TestVectors.UID16, OTHER_FIRMWARE);
		verifier.verify(DeviceRecord.decode(record), TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void acceptsUpToAndIncludingNotAfter() throws Exception {
		new RecordVerifier(authorityKey(), TestVectors.PRODUCT, fixedAt("2030-01-01T00:00:00Z"))
				.verify(record, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesBytesThatAreNoRecord() {
		assertRefused(RecordCheck.FORMAT, "device record refused (check 1, format): device record, offset 0 (magic): "
				+ "expected the magic 4d 54 44 52 (\"MTDR\"), found 00 54 44 52", verifier, with(record, 0, 0),
				TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesACertificateTheAuthorityDidNotSign() {
		// a bit of the authority signature (record offset 64 + 112)
		assertRefused(RecordCheck.AUTHORITY_SIGNATURE, "device record refused (check 2, authority-signature): the batch "
				+ "certificate of quota 5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59 is not signed by the authority key ("
				+ authorityKey() + ")", verifier, flip(record, 176 * 8 + 3), TestVectors.UID, OTHER_FIRMWARE);
		// a signed field of the certificate: the serial count
		assertRefused(RecordCheck.AUTHORITY_SIGNATURE, null, verifier, flip(record, (64 + 33) * 8), TestVectors.UID,
				OTHER_FIRMWARE);
	}

	@Test
	void refusesWithAnotherAuthorityKey() throws Exception {
		RecordVerifier otherAuthority = new RecordVerifier(STRANGER.publicKey(), TestVectors.PRODUCT, BEFORE_NOT_AFTER);
		assertRefused(RecordCheck.AUTHORITY_SIGNATURE, null, otherAuthority, record, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesAnotherProduct() throws Exception {
		RecordVerifier otherProduct = new RecordVerifier(authorityKey(), new ProductId(0x13572469L), BEFORE_NOT_AFTER);
		assertRefused(RecordCheck.PRODUCT, "device record refused (check 3, product): the record is for product "
				+ "0x13572468, this firmware is product 0x13572469", otherProduct, record, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesARecordWhoseProductIsNotItsCertificates() throws Exception {
		byte[] mismatched = signedByBatchKey(new ProductId(0x0BADF00DL), TestVectors.SERIAL, TestVectors.UID);
		assertRefused(RecordCheck.PRODUCT, "device record refused (check 3, product): the record is for product "
				+ "0x0badf00d, its batch certificate for product 0x13572468", verifier, mismatched, TestVectors.UID,
				OTHER_FIRMWARE);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 65_535, 75_536, 0xFFFF_FFFFL })
	void refusesASerialOutsideTheRange(long serial) throws Exception {
		byte[] outside = signedByBatchKey(TestVectors.PRODUCT, new SerialNumber(serial), TestVectors.UID);
		String side = serial < 65_536 ? "below" : "above";
		assertRefused(RecordCheck.SERIAL_RANGE, "device record refused (check 4, serial-range): serial " + serial + " is "
				+ side + " the batch certificate's range 65536–75535", verifier, outside, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void acceptsBothEndsOfTheRange() throws Exception {
		for (long serial : new long[] { 65_536, 75_535 }) {
			verifier.verify(signedByBatchKey(TestVectors.PRODUCT, new SerialNumber(serial), TestVectors.UID),
					TestVectors.UID, OTHER_FIRMWARE);
		}
	}

	@Test
	void refusesARecordTheBatchKeyDidNotSign() throws Exception {
		assertRefused(RecordCheck.BATCH_SIGNATURE, "device record refused (check 5, batch-signature): the record is not "
				+ "signed by the batch key its certificate names (" + TestVectors.BATCH_KEY.publicKey() + ")", verifier,
				flip(record, 300 * 8 + 5), TestVectors.UID, OTHER_FIRMWARE);
		// a signed field: the serial, still inside the range
		assertRefused(RecordCheck.BATCH_SIGNATURE, null, verifier, with(record, 12, 0xd3), TestVectors.UID,
				OTHER_FIRMWARE);
		// the record signed by another key under the genuine certificate
		DeviceRecord.Content content = DeviceRecord.decode(record).content();
		byte[] forged = new DeviceRecord(content, STRANGER.sign(content.signedBytes())).encode();
		assertRefused(RecordCheck.BATCH_SIGNATURE, null, verifier, forged, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesABatchKeyThatIsNoPointOfTheCurve() throws Exception {
		// the authority signed a certificate whose batch key is off the curve: the batch signature cannot verify
		byte[] offCurve = TestVectors.BATCH_KEY.publicKey().bytes();
		offCurve[64] ^= 1;
		BatchCertificate certificate = new CertificateIssuer(TestVectors.AUTHORITY_KEY).issue(new BatchCertificate.Content(
				TestVectors.QUOTA_ID, TestVectors.PRODUCT, TestVectors.SERIALS, TestVectors.NOT_AFTER,
				P256PublicKey.of(offCurve)));
		DeviceRecord.Content content = new DeviceRecord.Content(TestVectors.PRODUCT, TestVectors.SERIAL, TestVectors.UID,
				Optional.empty(), certificate);
		byte[] bytes = new DeviceRecord(content, TestVectors.BATCH_KEY.sign(content.signedBytes())).encode();
		assertRefused(RecordCheck.BATCH_SIGNATURE, null, verifier, bytes, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesAnotherChip() {
		DeviceUid otherChip = DeviceUid.parse("2b0047000e51363236313534");
		assertRefused(RecordCheck.DEVICE_UID, "device record refused (check 6, device-uid): the record is for the chip "
				+ "with UID 2B0047000E51363236313533, this chip's UID is 2B0047000E51363236313534", verifier, record,
				otherChip, OTHER_FIRMWARE);
		// the same bytes read as a longer UID are another UID
		assertRefused(RecordCheck.DEVICE_UID, null, verifier, record, DeviceUid.parse("2b0047000e5136323631353300"),
				OTHER_FIRMWARE);
		assertRefused(RecordCheck.DEVICE_UID, null, verifier, Committed.get("record_uid16"), TestVectors.UID,
				OTHER_FIRMWARE);
	}

	@Test
	void refusesOtherFirmware() {
		assertRefused(RecordCheck.FIRMWARE_HASH, "device record refused (check 7, firmware-hash): the record is for the "
				+ "firmware with SHA-256 " + TestVectors.FIRMWARE + ", the firmware's SHA-256 is " + OTHER_FIRMWARE,
				verifier, Committed.get("record_with_firmware_hash"), TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void refusesAnExpiredCertificate() {
		RecordVerifier later = new RecordVerifier(authorityKey(), TestVectors.PRODUCT, fixedAt("2030-01-01T00:00:01Z"));
		assertRefused(RecordCheck.NOT_AFTER, "device record refused (check 8, not-after): the batch certificate of "
				+ "quota 5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59 ended at 2030-01-01T00:00:00Z, it is now "
				+ "2030-01-01T00:00:01Z", later, record, TestVectors.UID, OTHER_FIRMWARE);
	}

	@Test
	void reportsTheFirstFailedCheckInTheDocumentedOrder() {
		// another chip and expired: the device's check (6) comes before the station's (8)
		RecordVerifier later = new RecordVerifier(authorityKey(), TestVectors.PRODUCT, fixedAt("2031-01-01T00:00:00Z"));
		assertRefused(RecordCheck.DEVICE_UID, null, later, record, TestVectors.UID16, OTHER_FIRMWARE);
		// a tampered authority signature (2) on a record for another product (3)
		RecordVerifier otherProduct = new RecordVerifier(authorityKey(), new ProductId(1), BEFORE_NOT_AFTER);
		assertRefused(RecordCheck.AUTHORITY_SIGNATURE, null, otherProduct, flip(record, 200 * 8), TestVectors.UID,
				OTHER_FIRMWARE);
	}

	/** Not one bit of a record can change and still pass: every flipped bit is caught by some check. */
	@Test
	void refusesEverySingleBitFlip() {
		for (String name : new String[] { "record", "record_with_firmware_hash" }) {
			byte[] vector = Committed.get(name);
			Set<RecordCheck> seen = EnumSet.noneOf(RecordCheck.class);
			for (int bit = 0; bit < vector.length * 8; bit++) {
				try {
					verifier.verify(flip(vector, bit), TestVectors.UID, TestVectors.FIRMWARE);
					fail(name + " with bit " + bit % 8 + " of byte " + bit / 8 + " flipped was accepted");
				} catch (RecordRefusedException refused) {
					seen.add(refused.check());
				}
			}
			// the checks before the batch signature catch flips of their fields first (a flipped serial lands
			// outside the range, a flipped record product_id differs from the certificate's); a flipped UID or
			// firmware hash is caught by the batch signature, which comes before the UID and hash checks
			assertEquals(EnumSet.of(RecordCheck.FORMAT, RecordCheck.AUTHORITY_SIGNATURE, RecordCheck.PRODUCT,
					RecordCheck.SERIAL_RANGE, RecordCheck.BATCH_SIGNATURE), seen, name);
		}
	}

	@Test
	void refusesAnAuthorityKeyOffTheCurve() {
		byte[] offCurve = authorityKey().bytes();
		offCurve[64] ^= 1;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new RecordVerifier(P256PublicKey.of(offCurve), TestVectors.PRODUCT, BEFORE_NOT_AFTER));
		assertEquals("the authority key is not a point on P-256, no record could pass", e.getMessage());
	}

	@Test
	void checkNamesAndStepsAreThePersistedOnes() {
		StringBuilder names = new StringBuilder();
		for (RecordCheck check : RecordCheck.values()) {
			names.append(check.step()).append(' ').append(check.id()).append('\n');
		}
		assertEquals("1 format\n2 authority-signature\n3 product\n4 serial-range\n5 batch-signature\n6 device-uid\n"
				+ "7 firmware-hash\n8 not-after\n", names.toString());
	}

	/** A record the genuine batch key signs over whatever content, as a faulty station could. */
	private static byte[] signedByBatchKey(ProductId product, SerialNumber serial, DeviceUid uid) throws Exception {
		BatchCertificate certificate = BatchCertificate.decode(Committed.get("batch_certificate"));
		DeviceRecord.Content content = new DeviceRecord.Content(product, serial, uid, Optional.empty(), certificate);
		EcdsaSigningKey batchKey = TestVectors.BATCH_KEY;
		return new DeviceRecord(content, batchKey.sign(content.signedBytes())).encode();
	}

	private static void assertRefused(RecordCheck check, String message, RecordVerifier verifier, byte[] record,
			DeviceUid chip, FirmwareHash firmware) {
		RecordRefusedException e = assertThrows(RecordRefusedException.class,
				() -> verifier.verify(record, chip, firmware));
		assertEquals(check, e.check(), e.getMessage());
		if (message != null) {
			assertEquals(message, e.getMessage());
		}
	}

	static byte[] flip(byte[] bytes, int bit) {
		byte[] out = bytes.clone();
		out[bit / 8] ^= (byte) (1 << bit % 8);
		return out;
	}

	private static P256PublicKey authorityKey() {
		return P256PublicKey.of(Committed.get("authority_public_key"));
	}

	private static Clock fixedAt(String instant) {
		return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
	}
}
