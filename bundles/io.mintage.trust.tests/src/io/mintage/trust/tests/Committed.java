package io.mintage.trust.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.mintage.testing.DocsFiles;
import io.mintage.testing.VectorFile;

/** The committed docs/test-vectors/record-v1.txt, read once: tests check the published bytes themselves. */
final class Committed {

	private static VectorFile vectors;

	private Committed() {
	}

	static synchronized VectorFile vectors() {
		if (vectors == null) {
			try {
				vectors = VectorFile.read(DocsFiles.file(TestVectors.FILE));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return vectors;
	}

	static byte[] get(String name) {
		return vectors().get(name);
	}

	/** {@code bytes} with the bytes from {@code offset} on replaced by {@code values}. */
	static byte[] with(byte[] bytes, int offset, int... values) {
		byte[] out = bytes.clone();
		for (int i = 0; i < values.length; i++) {
			out[offset + i] = (byte) values[i];
		}
		return out;
	}
}
