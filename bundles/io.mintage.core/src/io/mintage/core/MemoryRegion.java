package io.mintage.core;

/**
 * A named range of a chip's address space (flash, RAM, OTP, option bytes, system memory).
 *
 * @param start first address
 * @param size  bytes
 */
public record MemoryRegion(String name, Kind kind, long start, long size) {

	public enum Kind {
		FLASH, RAM, OTP, OPTION_BYTES, SYSTEM
	}

	public MemoryRegion {
		if (start < 0 || size <= 0 || start + size > 1L << 32) {
			throw new IllegalArgumentException(
					String.format("memory region %s 0x%X+0x%X is not inside the 32-bit space", name, start, size));
		}
	}

	/** First address after the region. */
	public long end() {
		return start + size;
	}

	public boolean contains(long address) {
		return address >= start && address < end();
	}

	/** True when [from, to) lies wholly inside the region. */
	public boolean contains(long from, long to) {
		return from >= start && to <= end() && from <= to;
	}

	@Override
	public String toString() {
		return String.format("%s 0x%08X..0x%08X (%d KiB)", name, start, end() - 1, size / 1024);
	}
}
