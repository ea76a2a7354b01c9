package io.mintage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a test-vector file: "name: hex" lines, # comments, blank lines. */
public final class VectorFile {

	private final Map<String, byte[]> values;

	private VectorFile(Map<String, byte[]> values) {
		this.values = values;
	}

	public static VectorFile read(Path file) throws IOException {
		Map<String, byte[]> values = new LinkedHashMap<>();
		int lineNumber = 0;
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			lineNumber++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(": ");
			if (colon < 0) {
				throw new IOException(file + ", line " + lineNumber + ": expected \"name: hex\"");
			}
			String name = line.substring(0, colon);
			if (values.put(name, HexFormat.of().parseHex(line.substring(colon + 2))) != null) {
				throw new IOException(file + ", line " + lineNumber + ": " + name + " is given twice");
			}
		}
		return new VectorFile(values);
	}

	public byte[] get(String name) {
		byte[] value = values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("the test vectors have no " + name);
		}
		return value.clone();
	}

	/** A big-endian integer value such as product_id or serial. */
	public long number(String name) {
		long value = 0;
		for (byte b : get(name)) {
			value = value << 8 | (b & 0xFF);
		}
		return value;
	}

	public Iterable<String> names() {
		return values.keySet();
	}
}
