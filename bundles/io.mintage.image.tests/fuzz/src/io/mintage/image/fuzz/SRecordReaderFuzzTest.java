package io.mintage.image.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.image.ReadOptions;
import io.mintage.image.internal.SRecordReader;
import io.mintage.image.tests.Records;

class SRecordReaderFuzzTest {

	private static final int[] TYPES = { 0, 1, 2, 3, 5, 6, 7, 8, 9 };
	private static final String[] LINE_ENDINGS = { "\n", "\r\n", "\n\n", "" };

	private final SRecordReader reader = new SRecordReader();

	@FuzzTest(maxDuration = "3m")
	void anyBytes(byte[] input) {
		ReaderInvariant.check(reader, "fuzz.srec", input, ReadOptions.defaults());
	}

	/**
	 * Writes records with correct counts and checksums, and record counts that are mostly right, so the
	 * fuzzer reaches address widths, counting, termination and overlaps.
	 */
	@FuzzTest(maxDuration = "3m")
	void wellFormedRecords(FuzzedDataProvider data) {
		ReaderInvariant.check(reader, "fuzz.srec", writeRecords(data), ReadOptions.defaults());
	}

	static byte[] writeRecords(FuzzedDataProvider data) {
		StringBuilder text = new StringBuilder();
		int dataRecords = 0;
		int records = data.consumeInt(0, 48);
		for (int i = 0; i < records && data.remainingBytes() > 0; i++) {
			int type = data.pickValue(TYPES);
			long address = data.consumeLong(0, 0xFFFF_FFFFL);
			int length = type <= 3 ? data.consumeInt(0, 40) : 0;
			if (type == 5 || type == 6) {
				address = data.consumeBoolean() ? dataRecords : address;
			}
			if (data.consumeInt(0, 31) == 0) {
				length = data.consumeInt(0, 6);
			}
			long addressMask = switch (type) {
			case 0, 1, 5, 9 -> 0xFFFFL;
			case 2, 6, 8 -> 0xFF_FFFFL;
			default -> 0xFFFF_FFFFL;
			};
			text.append(Records.srec(type, address & addressMask,
					IntelHexReaderFuzzTest.unsigned(data.consumeBytes(length))));
			text.append(data.pickValue(LINE_ENDINGS));
			if (type >= 1 && type <= 3) {
				dataRecords++;
			}
		}
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}
}
