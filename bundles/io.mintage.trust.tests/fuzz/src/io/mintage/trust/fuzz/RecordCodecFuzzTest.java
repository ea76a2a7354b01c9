package io.mintage.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.trust.BatchCertificate;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.RecordFormatException;
import io.mintage.trust.TrustException;

/**
 * Decoders on any bytes: they return a value or throw the checked exception, nothing else; and what
 * they accept re-encodes to exactly the bytes given (the format is strict, so a record has one encoding).
 */
class RecordCodecFuzzTest {

	@FuzzTest(maxDuration = "2m")
	void deviceRecord(byte[] bytes) {
		try {
			assertArrayEquals(bytes, DeviceRecord.decode(bytes).encode());
		} catch (RecordFormatException expected) {
			// refused in plain words: fine
		}
	}

	@FuzzTest(maxDuration = "2m")
	void batchCertificate(byte[] bytes) {
		try {
			assertArrayEquals(bytes, BatchCertificate.decode(bytes).encode());
		} catch (RecordFormatException expected) {
			// refused in plain words: fine
		}
	}

	@FuzzTest(maxDuration = "2m")
	void derSignature(byte[] der) {
		try {
			EcdsaSignature.fromDer(der);
		} catch (TrustException expected) {
			// not a DER ECDSA signature: fine
		}
	}
}
