package io.mintage.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.core.DeviceUid;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordRefusedException;
import io.mintage.trust.RecordVerifier;

/**
 * Starts from the official vector record and lets the fuzzer change bytes of it, so the input gets past
 * the format check to the signatures and comparisons. Invariant: the verifier throws only
 * {@link RecordRefusedException}, and whatever it accepts says exactly what the signed original says —
 * no edit can change product, serial, UID or batch certificate and still pass.
 */
class RecordVerifierFuzzTest {

	private static final byte[] RECORD = Vectors.get("record");
	private static final DeviceUid UID = DeviceUid.of(Vectors.get("uid"));
	private static final RecordVerifier VERIFIER = new RecordVerifier(
			P256PublicKey.of(Vectors.get("authority_public_key")),
			new ProductId(ByteBuffer.wrap(Vectors.get("product_id")).getInt() & 0xFFFF_FFFFL),
			Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));

	@FuzzTest(maxDuration = "2m")
	void editedVectorRecord(FuzzedDataProvider data) throws Exception {
		byte[] record = RECORD.clone();
		int edits = data.consumeInt(1, 8);
		for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
			record[data.consumeInt(0, record.length - 1)] = data.consumeByte();
		}
		try {
			DeviceRecord accepted = VERIFIER.verify(record, UID, FirmwareHash.of(new byte[FirmwareHash.LENGTH]));
			DeviceRecord original = DeviceRecord.decode(RECORD);
			assertEquals(original.content(), accepted.content(), "an edited record passed with other content");
			assertArrayEquals(original.certificate().encode(), accepted.certificate().encode());
		} catch (RecordRefusedException expected) {
			// refused with its check named: fine
		}
	}
}
