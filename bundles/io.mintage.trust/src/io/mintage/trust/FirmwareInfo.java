package io.mintage.trust;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The firmware of a job: the file's name, the version the company gives it, and the image it holds
 * after parsing — its SHA-256 ({@code FirmwareImage}'s, over the span from the lowest to the highest
 * address with gaps as 0xFF) and that span. The station compares the parsed file against these.
 */
public record FirmwareInfo(String fileName, String version, byte[] imageSha256, long imageStart, long imageLength) {

	public static final int SHA256_LENGTH = 32;
	private static final long ADDRESS_LIMIT = 1L << 32;

	public FirmwareInfo {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(imageSha256, "imageSha256");
		if (imageSha256.length != SHA256_LENGTH) {
			throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + imageSha256.length);
		}
		if (imageStart < 0 || imageLength < 1 || imageStart + imageLength > ADDRESS_LIMIT) {
			throw new IllegalArgumentException("an image lies in the 32-bit address space and is not empty, not "
					+ imageLength + " bytes from " + imageStart);
		}
		imageSha256 = imageSha256.clone();
	}

	@Override
	public byte[] imageSha256() {
		return imageSha256.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FirmwareInfo that && that.fileName.equals(fileName) && that.version.equals(version)
				&& Arrays.equals(that.imageSha256, imageSha256) && that.imageStart == imageStart
				&& that.imageLength == imageLength;
	}

	@Override
	public int hashCode() {
		return Objects.hash(fileName, version, Arrays.hashCode(imageSha256), imageStart, imageLength);
	}

	@Override
	public String toString() {
		return "firmware " + fileName + " version " + version + ", image SHA-256 " + HexFormat.of().formatHex(imageSha256)
				+ String.format(", 0x%08x + %d bytes", imageStart, imageLength);
	}
}
