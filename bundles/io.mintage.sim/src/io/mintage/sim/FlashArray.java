package io.mintage.sim;

import java.util.Arrays;

/**
 * A flash memory of consecutive erase blocks (equal pages, or sectors of different sizes) at a base
 * address. Programming can only clear bits (1 to 0), as NOR flash does; only an erase sets them back to
 * the erased value 0xFF. Timing is separate ({@link FlashTiming}), so an emulator decides when time
 * passes. Not thread-safe: one emulator thread owns it.
 */
public final class FlashArray {

	public static final byte ERASED = (byte) 0xFF;

	private final long base;
	private final int[] blockSizes;
	private final long[] blockStarts;
	private final byte[] bytes;

	/** A flash of blocks of the given sizes, in order from {@code base}. */
	public FlashArray(long base, int... blockSizes) {
		if (blockSizes.length == 0) {
			throw new IllegalArgumentException("a flash needs at least one block");
		}
		this.base = base;
		this.blockSizes = blockSizes.clone();
		this.blockStarts = new long[blockSizes.length];
		long size = 0;
		for (int i = 0; i < blockSizes.length; i++) {
			blockStarts[i] = base + size;
			size += blockSizes[i];
		}
		this.bytes = new byte[Math.toIntExact(size)];
		Arrays.fill(bytes, ERASED);
	}

	/** {@code count} blocks of {@code blockSize} bytes each (pages). */
	public static FlashArray uniform(long base, int blockSize, int count) {
		int[] sizes = new int[count];
		Arrays.fill(sizes, blockSize);
		return new FlashArray(base, sizes);
	}

	public long base() {
		return base;
	}

	/** Size in bytes. */
	public int size() {
		return bytes.length;
	}

	/** The first address after the flash. */
	public long end() {
		return base + bytes.length;
	}

	public int blockCount() {
		return blockSizes.length;
	}

	public int blockSize(int block) {
		return blockSizes[block];
	}

	public long blockAddress(int block) {
		return blockStarts[block];
	}

	/** Whether {@code [address, address+length)} lies wholly in this flash. */
	public boolean contains(long address, int length) {
		return address >= base && length >= 0 && address + length <= end();
	}

	/** The block holding the address. */
	public int blockAt(long address) {
		if (!contains(address, 1)) {
			throw new IllegalArgumentException(String.format("0x%08X is outside the flash", address));
		}
		int i = Arrays.binarySearch(blockStarts, address);
		return i >= 0 ? i : -i - 2;
	}

	public byte[] read(long address, int length) {
		check(address, length);
		int offset = (int) (address - base);
		return Arrays.copyOfRange(bytes, offset, offset + length);
	}

	/** Programs: every bit that is 0 in {@code data} becomes 0 (ones leave the cell as it is). */
	public void program(long address, byte[] data) {
		check(address, data.length);
		int offset = (int) (address - base);
		for (int i = 0; i < data.length; i++) {
			bytes[offset + i] &= data[i];
		}
	}

	/** Whether the range holds only the erased value. */
	public boolean isErased(long address, int length) {
		check(address, length);
		int offset = (int) (address - base);
		for (int i = 0; i < length; i++) {
			if (bytes[offset + i] != ERASED) {
				return false;
			}
		}
		return true;
	}

	public void erase(int block) {
		int offset = (int) (blockStarts[block] - base);
		Arrays.fill(bytes, offset, offset + blockSizes[block], ERASED);
	}

	public void eraseAll() {
		Arrays.fill(bytes, ERASED);
	}

	private void check(long address, int length) {
		if (!contains(address, length)) {
			throw new IllegalArgumentException(String.format("0x%08X + %d bytes is outside the flash 0x%08X..0x%08X",
					address, length, base, end() - 1));
		}
	}
}
