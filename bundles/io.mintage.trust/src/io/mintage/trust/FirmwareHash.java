package io.mintage.trust;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of a firmware as a chip computes it over itself: the image's span with gaps filled by
 * 0xFF and the record area left out (see docs/formats.md). A record may carry one; the chip then
 * refuses other firmware.
 */
public final class FirmwareHash {

	public static final int LENGTH = 32;

	private final byte[] bytes;

	private FirmwareHash(byte[] bytes) {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a SHA-256 firmware hash has " + LENGTH + " bytes, not " + bytes.length);
		}
		this.bytes = bytes.clone();
	}

	public static FirmwareHash of(byte[] sha256) {
		return new FirmwareHash(sha256);
	}

	/** Parses 64 hex digits, as {@code FirmwareImage.sha256()} and {@code sha256sum} print them. */
	public static FirmwareHash parse(String hex) {
		try {
			return new FirmwareHash(HexFormat.of().parseHex(hex.strip()));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("'" + hex + "' is not a SHA-256 in hex (64 hex digits)", e);
		}
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FirmwareHash that && Arrays.equals(that.bytes, bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/** Lower-case hex, as sha256sum prints it. */
	@Override
	public String toString() {
		return HexFormat.of().formatHex(bytes);
	}
}
