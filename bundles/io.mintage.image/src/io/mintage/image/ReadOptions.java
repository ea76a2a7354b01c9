package io.mintage.image;

import java.util.OptionalLong;

/**
 * How to read a file beyond what the file itself says. Immutable; start from {@link #defaults()}.
 */
public final class ReadOptions {

	private static final int FLASH_ERASED = 0xFF;
	private static final ReadOptions DEFAULTS = new ReadOptions(null, FLASH_ERASED);

	private final Long baseAddress;
	private final int erasedValue;

	private ReadOptions(Long baseAddress, int erasedValue) {
		this.baseAddress = baseAddress;
		this.erasedValue = erasedValue;
	}

	/** No base address, erased value 0xFF (the flash of every supported family). */
	public static ReadOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Places a raw binary file. Only raw binary has no addresses of its own; the other formats refuse
	 * a base address rather than ignore it, since a user giving one expects it to matter.
	 */
	public ReadOptions withBaseAddress(long address) {
		if (address < 0 || address > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException(String.format("base address 0x%X is outside 32 bits", address));
		}
		return new ReadOptions(address, erasedValue);
	}

	public ReadOptions withErasedValue(int value) {
		if (value < 0 || value > 0xFF) {
			throw new IllegalArgumentException("erased value must be a byte: " + value);
		}
		return new ReadOptions(baseAddress, value);
	}

	public OptionalLong baseAddress() {
		return baseAddress == null ? OptionalLong.empty() : OptionalLong.of(baseAddress);
	}

	public int erasedValue() {
		return erasedValue;
	}

	@Override
	public String toString() {
		return (baseAddress == null ? "no base address" : String.format("base 0x%08X", baseAddress))
				+ String.format(", erased value 0x%02X", erasedValue);
	}
}
