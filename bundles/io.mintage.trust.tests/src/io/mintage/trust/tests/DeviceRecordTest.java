package io.mintage.trust.tests;

import static io.mintage.trust.tests.Committed.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.RecordFormatException;

class DeviceRecordTest {

	private final byte[] vector = Committed.get("record");

	@Test
	void decodesTheVectorsAndEncodesThemBack() throws Exception {
		DeviceRecord record = DeviceRecord.decode(vector);
		assertEquals(TestVectors.PRODUCT, record.productId());
		assertEquals(TestVectors.SERIAL, record.serial());
		assertEquals(TestVectors.UID, record.uid());
		assertEquals(Optional.empty(), record.firmwareHash());
		assertEquals(BatchCertificate.decode(Committed.get("batch_certificate")), record.certificate());
		assertArrayEquals(vector, record.encode());
		assertArrayEquals(Arrays.copyOf(vector, 240), record.signedBytes());
		assertEquals(record, DeviceRecord.decode(record.encode()));
		assertEquals("device record of product 0x13572468, serial 66770, chip 2B0047000E51363236313533",
				record.toString());

		DeviceRecord withHash = DeviceRecord.decode(Committed.get("record_with_firmware_hash"));
		assertEquals(Optional.of(TestVectors.FIRMWARE), withHash.firmwareHash());
		assertArrayEquals(Committed.get("record_with_firmware_hash"), withHash.encode());

		DeviceRecord uid16 = DeviceRecord.decode(Committed.get("record_uid16"));
		assertEquals(TestVectors.UID16, uid16.uid());
		assertArrayEquals(Committed.get("record_uid16"), uid16.encode());
	}

	@Test
	void roundTripsEveryUidLength() throws Exception {
		DeviceRecord record = DeviceRecord.decode(vector);
		for (int length = 1; length <= 16; length++) {
			byte[] uid = new byte[length];
			Arrays.fill(uid, (byte) 0xA5);
			DeviceRecord.Content content = new DeviceRecord.Content(record.productId(), new SerialNumber(0xFFFF_FFFFL),
					DeviceUid.of(uid), Optional.of(FirmwareHash.of(new byte[32])), record.certificate());
			byte[] encoded = new DeviceRecord(content, EcdsaSignature.of(new byte[64])).encode();
			assertEquals(length, encoded[5]);
			assertEquals(new DeviceRecord(content, EcdsaSignature.of(new byte[64])), DeviceRecord.decode(encoded));
			assertArrayEquals(encoded, DeviceRecord.decode(encoded).encode());
		}
	}

	@Test
	void refusesAWrongLength() {
		assertRefused("device record: a version 1 device record has 304 bytes, this one has 303", Arrays.copyOf(vector, 303));
		assertRefused("device record: a version 1 device record has 304 bytes, this one has 512", Arrays.copyOf(vector, 512));
		assertRefused("device record: a version 1 device record has 304 bytes, this one has 176",
				Committed.get("batch_certificate"));
	}

	@Test
	void refusesAnotherMagicAndVersion() {
		assertRefused("device record, offset 0 (magic): expected the magic 4d 54 44 52 (\"MTDR\"), found ff ff ff ff",
				with(vector, 0, 0xff, 0xff, 0xff, 0xff));
		assertRefused("device record, offset 4 (version): version 2 is not known, expected version 1",
				with(vector, 4, 2));
	}

	@Test
	void refusesABadBatchCertificateNamingItsPlaceInTheRecord() {
		RecordFormatException e = assertRefused("device record, offset 64 (batch_certificate.magic): expected the "
				+ "magic 4d 54 42 43 (\"MTBC\"), found 4d 54 44 52", with(vector, 64, 'M', 'T', 'D', 'R'));
		assertEquals(64, e.offset());
		assertEquals("batch_certificate.magic", e.field());
		assertEquals("expected the magic 4d 54 42 43 (\"MTBC\"), found 4d 54 44 52", e.problem());
		assertRefused("device record, offset 68 (batch_certificate.version): version 3 is not known, expected version 1",
				with(vector, 68, 3));
		assertRefused("device record, offset 174 (batch_certificate.reserved): expected 0 (reserved), found 0x01",
				with(vector, 174, 1));
		assertRefused("device record, offset 96 (batch_certificate.serial_count): the certificate covers no serial: "
				+ "serial_count is 0, expected at least 1", with(vector, 96, 0, 0, 0, 0));
		assertRefused("device record, offset 108 (batch_certificate.batch_public_key): expected 0x04 (a SEC1 "
				+ "uncompressed point) as the key's first byte, found 0x00", with(vector, 108, 0));
	}

	@Test
	void refusesANonZeroReservedByte() {
		assertRefused("device record, offset 7 (reserved): expected 0 (reserved), found 0x01", with(vector, 7, 1));
	}

	@Test
	void refusesAUidLengthOutside1To16() {
		assertRefused("device record, offset 5 (uid_length): 0 is not a UID length, expected 1 to 16", with(vector, 5, 0));
		assertRefused("device record, offset 5 (uid_length): 17 is not a UID length, expected 1 to 16", with(vector, 5, 17));
		assertRefused("device record, offset 5 (uid_length): 255 is not a UID length, expected 1 to 16",
				with(vector, 5, 255));
	}

	@Test
	void refusesUnknownFlags() {
		assertRefused("device record, offset 6 (flags): unknown flag bits 0x02 set; only bit 0 (firmware_hash present) "
				+ "is defined", with(vector, 6, 0x02));
		assertRefused("device record, offset 6 (flags): unknown flag bits 0x80 set; only bit 0 (firmware_hash present) "
				+ "is defined", with(vector, 6, 0x81));
	}

	@Test
	void refusesNonZeroUidPadding() {
		// the vector's UID has 12 bytes: bytes 12–15 of the field (offsets 28–31) are padding
		assertRefused("device record, offset 30 (uid): expected 0 (padding after the 12-byte UID), found 0x07",
				with(vector, 30, 7));
		// a shorter uid_length turns the UID's last byte into padding
		assertRefused("device record, offset 27 (uid): expected 0 (padding after the 11-byte UID), found 0x33",
				with(vector, 5, 11));
	}

	@Test
	void refusesAFirmwareHashWithoutItsFlag() {
		assertRefused("device record, offset 63 (firmware_hash): expected 0 (flag bit 0 is clear, so no firmware hash), "
				+ "found 0x01", with(vector, 63, 1));
		assertRefused("device record, offset 32 (firmware_hash): expected 0 (flag bit 0 is clear, so no firmware hash), "
				+ "found 0x38", with(Committed.get("record_with_firmware_hash"), 6, 0));
	}

	/** Whatever the bytes, decoding either succeeds or says what is wrong: no other exception escapes. */
	@Test
	void anyBytesGiveARecordOrAFormatError() {
		Random random = new Random(304);
		for (int run = 0; run < 20_000; run++) {
			byte[] bytes = vector.clone();
			int changes = 1 + random.nextInt(8);
			for (int i = 0; i < changes; i++) {
				bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
			}
			try {
				assertArrayEquals(bytes, DeviceRecord.decode(bytes).encode());
			} catch (RecordFormatException refused) {
				assertTrue(refused.getMessage().startsWith("device record"), refused.getMessage());
			}
		}
	}

	private static RecordFormatException assertRefused(String message, byte[] bytes) {
		RecordFormatException e = assertThrows(RecordFormatException.class, () -> DeviceRecord.decode(bytes));
		assertEquals(message, e.getMessage());
		return e;
	}
}
