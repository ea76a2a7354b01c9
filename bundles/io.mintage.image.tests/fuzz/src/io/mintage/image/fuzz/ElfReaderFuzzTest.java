package io.mintage.image.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.image.ReadOptions;
import io.mintage.image.internal.ElfReader;
import io.mintage.image.tests.ElfFile;

class ElfReaderFuzzTest {

	private final ElfReader reader = new ElfReader();

	@FuzzTest(maxDuration = "3m")
	void anyBytes(byte[] input) {
		ReaderInvariant.check(reader, "fuzz.elf", input, ReadOptions.defaults());
	}

	/**
	 * Starts from a valid ARM executable with fuzzed segments, then overwrites a few words anywhere,
	 * so header and program header fields get wild values while the rest of the file still parses.
	 */
	@FuzzTest(maxDuration = "3m")
	void validFileWithFuzzedFields(FuzzedDataProvider data) {
		ReaderInvariant.check(reader, "fuzz.elf", writeFile(data), ReadOptions.defaults());
	}

	static byte[] writeFile(FuzzedDataProvider data) {
		ElfFile elf = new ElfFile().entry(data.consumeInt());
		int segments = data.consumeInt(0, 4);
		for (int i = 0; i < segments; i++) {
			long virtualAddress = data.consumeLong(0, 0xFFFF_FFFFL);
			long physicalAddress = data.consumeBoolean() ? virtualAddress : data.consumeLong(0, 0xFFFF_FFFFL);
			byte[] content = data.consumeBytes(data.consumeInt(0, 64));
			elf.load(virtualAddress, physicalAddress, content, content.length + data.consumeInt(0, 64));
		}
		byte[] file = elf.bytes();
		int patches = data.consumeInt(0, 3);
		for (int i = 0; i < patches && file.length >= 4; i++) {
			ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(data.consumeInt(0, file.length - 4),
					data.consumeInt());
		}
		if (data.consumeBoolean()) {
			file = Arrays.copyOf(file, data.consumeInt(0, file.length));
		}
		return file;
	}
}
