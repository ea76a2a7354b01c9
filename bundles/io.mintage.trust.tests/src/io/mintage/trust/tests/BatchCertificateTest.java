package io.mintage.trust.tests;

import static io.mintage.trust.tests.Committed.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mintage.trust.BatchCertificate;
import io.mintage.trust.RecordFormatException;

class BatchCertificateTest {

	private final byte[] vector = Committed.get("batch_certificate");

	@Test
	void decodesTheVectorAndEncodesItBack() throws Exception {
		BatchCertificate certificate = BatchCertificate.decode(vector);
		assertEquals(TestVectors.QUOTA_ID, certificate.quotaId());
		assertEquals(TestVectors.PRODUCT, certificate.productId());
		assertEquals(TestVectors.SERIALS, certificate.serials());
		assertEquals(TestVectors.NOT_AFTER, certificate.notAfter());
		assertEquals(TestVectors.BATCH_KEY.publicKey(), certificate.batchPublicKey());
		assertArrayEquals(vector, certificate.encode());
		assertArrayEquals(Arrays.copyOf(vector, 112), certificate.signedBytes());
		assertArrayEquals(Arrays.copyOfRange(vector, 112, 176), certificate.authoritySignature().bytes());
		assertEquals(certificate, BatchCertificate.decode(certificate.encode()));
		assertEquals("batch certificate of quota 5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59: product 0x13572468, "
				+ "serials 65536–75535, not after 2030-01-01T00:00:00Z", certificate.toString());
	}

	@Test
	void roundTripsTheEdgesOfItsFields() throws Exception {
		// the largest ranges (from 0, and up to 2^32 exactly), the last serial alone, the largest product id
		byte[] fromZero = with(vector, 24, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff);
		assertEquals(0xFFFF_FFFFL, BatchCertificate.decode(fromZero).serials().count());
		assertEquals(0xFFFF_FFFFL, BatchCertificate.decode(fromZero).productId().value());
		assertArrayEquals(fromZero, BatchCertificate.decode(fromZero).encode());
		byte[] upToTheEnd = with(vector, 28, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff);
		assertEquals(0xFFFF_FFFFL, BatchCertificate.decode(upToTheEnd).serials().last().value());
		assertArrayEquals(upToTheEnd, BatchCertificate.decode(upToTheEnd).encode());
		byte[] lastSerial = with(vector, 28, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0);
		assertEquals(0xFFFF_FFFFL, BatchCertificate.decode(lastSerial).serials().first().value());
		assertArrayEquals(lastSerial, BatchCertificate.decode(lastSerial).encode());
		byte[] latest = with(vector, 36, 0xff, 0x78, 0x95, 0xfa, 0xd2, 0x1c, 0x70, 0x00);
		assertEquals(Instant.MAX.getEpochSecond(), BatchCertificate.decode(latest).notAfter().getEpochSecond());
		assertArrayEquals(latest, BatchCertificate.decode(latest).encode());
	}

	@Test
	void refusesAWrongLength() {
		assertRefused("batch certificate: a version 1 batch certificate has 176 bytes, this one has 175",
				Arrays.copyOf(vector, 175));
		assertRefused("batch certificate: a version 1 batch certificate has 176 bytes, this one has 177",
				Arrays.copyOf(vector, 177));
		assertRefused("batch certificate: a version 1 batch certificate has 176 bytes, this one has 0", new byte[0]);
	}

	@Test
	void refusesAnotherMagic() {
		RecordFormatException e = assertRefused("batch certificate, offset 0 (magic): expected the magic "
				+ "4d 54 42 43 (\"MTBC\"), found 4d 54 44 52", with(vector, 0, 'M', 'T', 'D', 'R'));
		assertEquals(0, e.offset());
		assertEquals("magic", e.field());
	}

	@Test
	void refusesAnotherVersion() {
		assertRefused("batch certificate, offset 4 (version): version 2 is not known, expected version 1",
				with(vector, 4, 2));
		assertRefused("batch certificate, offset 4 (version): version 0 is not known, expected version 1",
				with(vector, 4, 0));
	}

	@Test
	void refusesNonZeroReservedBytes() {
		for (int offset : new int[] { 5, 6, 7, 109, 110, 111 }) {
			assertRefused("batch certificate, offset " + offset + " (reserved): expected 0 (reserved), found 0x80",
					with(vector, offset, 0x80));
		}
	}

	@Test
	void refusesAnEmptyRange() {
		assertRefused("batch certificate, offset 32 (serial_count): the certificate covers no serial: "
				+ "serial_count is 0, expected at least 1", with(vector, 32, 0, 0, 0, 0));
	}

	@Test
	void refusesARangePast32Bits() {
		assertRefused("batch certificate, offset 32 (serial_count): serials 4294967295 to 4294967296 "
				+ "(2 from 4294967295) go past the largest 32-bit serial, 4294967295",
				with(vector, 28, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0));
		assertRefused("batch certificate, offset 32 (serial_count): serials 65536 to 4295032830 "
				+ "(4294967295 from 65536) go past the largest 32-bit serial, 4294967295",
				with(vector, 32, 0xff, 0xff, 0xff, 0xff));
	}

	@Test
	void refusesANotAfterNoDateReaches() {
		assertRefused("batch certificate, offset 36 (not_after): 18446744073709551615 seconds since 1970 is past "
				+ "the year 1,000,000,000, no date a certificate ends on",
				with(vector, 36, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
		assertRefused("batch certificate, offset 36 (not_after): 31556889864403200 seconds since 1970 is past "
				+ "the year 1,000,000,000, no date a certificate ends on",
				with(vector, 36, 0x00, 0x79, 0x95, 0xfa, 0xd2, 0x1c, 0x70, 0x00));
	}

	@Test
	void refusesAKeyThatIsNotAnUncompressedPoint() {
		assertRefused("batch certificate, offset 44 (batch_public_key): expected 0x04 (a SEC1 uncompressed point) "
				+ "as the key's first byte, found 0x02", with(vector, 44, 0x02));
	}

	private static RecordFormatException assertRefused(String message, byte[] bytes) {
		RecordFormatException e = assertThrows(RecordFormatException.class, () -> BatchCertificate.decode(bytes));
		assertEquals(message, e.getMessage());
		return e;
	}
}
