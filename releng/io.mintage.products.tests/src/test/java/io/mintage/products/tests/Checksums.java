package io.mintage.products.tests;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** Reference digests computed with the JDK, independent of the product's own code. */
final class Checksums {

	private Checksums() {
	}

	static String sha256Hex(String hexBytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hexBytes)));
	}

	static long crc32(String hexBytes) {
		CRC32 crc = new CRC32();
		crc.update(HexFormat.of().parseHex(hexBytes));
		return crc.getValue();
	}
}
