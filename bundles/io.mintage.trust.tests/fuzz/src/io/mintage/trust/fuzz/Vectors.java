package io.mintage.trust.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The official vectors, docs/test-vectors/record-v1.txt, read from the repository: surefire runs in
 * this module's folder, three levels below the top.
 */
final class Vectors {

	private static final Path FILE = Path.of("../../../docs/test-vectors/record-v1.txt");
	private static final Map<String, byte[]> VALUES = load();

	private Vectors() {
	}

	static byte[] get(String name) {
		byte[] value = VALUES.get(name);
		if (value == null) {
			throw new IllegalStateException("no '" + name + "' in " + FILE.toAbsolutePath().normalize());
		}
		return value.clone();
	}

	private static Map<String, byte[]> load() {
		Map<String, byte[]> values = new HashMap<>();
		try {
			for (String line : Files.readAllLines(FILE)) {
				int colon = line.indexOf(':');
				if (line.isBlank() || line.startsWith("#") || colon < 0) {
					continue;
				}
				values.put(line.substring(0, colon).trim(), HexFormat.of().parseHex(line.substring(colon + 1).trim()));
			}
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the test vectors " + FILE.toAbsolutePath().normalize(), e);
		}
		return values;
	}
}
