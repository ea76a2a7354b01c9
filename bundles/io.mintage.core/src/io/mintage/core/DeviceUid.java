package io.mintage.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A chip's factory-programmed unique ID as read from the device, 1 to 16 bytes in the order they
 * appear in memory (STM32: 96 bits at a family-specific address; LPC11xx: 128 bits from the ISP).
 * The device record is signed over these exact bytes.
 */
public final class DeviceUid {

	public static final int MAX_LENGTH = 16;

	private final byte[] bytes;

	private DeviceUid(byte[] bytes) {
		if (bytes.length == 0 || bytes.length > MAX_LENGTH) {
			throw new IllegalArgumentException(
					"a device UID has 1 to " + MAX_LENGTH + " bytes, this one has " + bytes.length);
		}
		this.bytes = bytes.clone();
	}

	public static DeviceUid of(byte[] bytes) {
		return new DeviceUid(bytes);
	}

	/** Parses hex as printed by {@link #toString()}; spaces and colons between bytes are allowed. */
	public static DeviceUid parse(String hex) {
		String digits = hex.replace(" ", "").replace(":", "");
		try {
			return new DeviceUid(HexFormat.of().parseHex(digits));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("'" + hex + "' is not a device UID in hex (up to 32 hex digits)", e);
		}
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	public int length() {
		return bytes.length;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DeviceUid that && Arrays.equals(that.bytes, bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/** Upper-case hex without separators, the form used in logs, ledgers and reports. */
	@Override
	public String toString() {
		return HexFormat.of().withUpperCase().formatHex(bytes);
	}
}
