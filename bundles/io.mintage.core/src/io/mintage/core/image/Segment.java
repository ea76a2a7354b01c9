package io.mintage.core.image;

import java.util.Arrays;

/**
 * A contiguous run of bytes at a 32-bit address. Immutable: the bytes are copied in and out.
 */
public final class Segment {

	/** Highest address (exclusive) a 32-bit microcontroller can address. */
	public static final long ADDRESS_LIMIT = 1L << 32;

	private final long address;
	private final byte[] data;

	public Segment(long address, byte[] data) {
		if (address < 0 || address + data.length > ADDRESS_LIMIT) {
			throw new IllegalArgumentException(String.format(
					"segment 0x%X+%d lies outside the 32-bit address space", address, data.length));
		}
		if (data.length == 0) {
			throw new IllegalArgumentException("a segment holds at least one byte");
		}
		this.address = address;
		this.data = data.clone();
	}

	public long address() {
		return address;
	}

	public int length() {
		return data.length;
	}

	/** First address after this segment. */
	public long end() {
		return address + data.length;
	}

	public byte[] data() {
		return data.clone();
	}

	/** Byte at an absolute address inside this segment, 0..255. */
	public int byteAt(long absoluteAddress) {
		if (absoluteAddress < address || absoluteAddress >= end()) {
			throw new IndexOutOfBoundsException(String.format("0x%08X is outside segment 0x%08X..0x%08X",
					absoluteAddress, address, end() - 1));
		}
		return data[(int) (absoluteAddress - address)] & 0xFF;
	}

	/** Copies the bytes of this segment that fall into [from, from + target.length) into target. */
	void copyInto(long from, byte[] target) {
		long start = Math.max(from, address);
		long stop = Math.min(from + target.length, end());
		if (start < stop) {
			System.arraycopy(data, (int) (start - address), target, (int) (start - from), (int) (stop - start));
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Segment that && that.address == address && Arrays.equals(that.data, data);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(address) * 31 + Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return String.format("0x%08X..0x%08X (%d bytes)", address, end() - 1, data.length);
	}
}
