package io.mintage.image.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.image.ReadOptions;
import io.mintage.image.internal.RawBinaryReader;

class RawBinaryReaderFuzzTest {

	private final RawBinaryReader reader = new RawBinaryReader();

	@FuzzTest(maxDuration = "3m")
	void anyBytesAtAnyBase(FuzzedDataProvider data) {
		ReadOptions options = data.consumeBoolean()
				? ReadOptions.defaults().withBaseAddress(data.consumeLong(0, 0xFFFF_FFFFL))
				: ReadOptions.defaults();
		ReaderInvariant.check(reader, "fuzz.bin", data.consumeRemainingAsBytes(), options);
	}
}
