package io.mintage.image.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.image.ReadOptions;
import io.mintage.image.internal.IntelHexReader;
import io.mintage.image.tests.Records;

class IntelHexReaderFuzzTest {

	private static final String[] LINE_ENDINGS = { "\n", "\r\n", "\n\n", "" };

	private final IntelHexReader reader = new IntelHexReader();

	@FuzzTest(maxDuration = "3m")
	void anyBytes(byte[] input) {
		ReaderInvariant.check(reader, "fuzz.hex", input, ReadOptions.defaults());
	}

	/**
	 * Writes records with correct checksums, so the fuzzer spends its time on addressing, record
	 * lengths, ordering and overlaps instead of being stopped at the checksum of every mutated line.
	 */
	@FuzzTest(maxDuration = "3m")
	void wellFormedRecords(FuzzedDataProvider data) {
		ReaderInvariant.check(reader, "fuzz.hex", writeRecords(data), ReadOptions.defaults());
	}

	static byte[] writeRecords(FuzzedDataProvider data) {
		StringBuilder text = new StringBuilder();
		int records = data.consumeInt(0, 48);
		for (int i = 0; i < records && data.remainingBytes() > 0; i++) {
			int type = data.consumeInt(0, 7);
			int offset = data.consumeInt(0, 0xFFFF);
			int length = switch (type) {
			case 0 -> data.consumeInt(0, 40);
			case 1 -> 0;
			case 2, 4 -> 2;
			default -> 4;
			};
			if (data.consumeInt(0, 31) == 0) {
				length = data.consumeInt(0, 6);
			}
			text.append(Records.hex(type, offset, unsigned(data.consumeBytes(length))));
			text.append(data.pickValue(LINE_ENDINGS));
		}
		if (data.consumeBoolean()) {
			text.append(Records.hexEndOfFile()).append('\n');
		}
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}

	static int[] unsigned(byte[] bytes) {
		int[] values = new int[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			values[i] = bytes[i] & 0xFF;
		}
		return values;
	}
}
