package io.mintage.core.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the data records of one firmware file into a {@link FirmwareImage}. Records may come in
 * any order and may repeat the same bytes; a record that gives a different value for an address
 * already set is an error naming both places, because flashing either one silently would be a guess.
 */
public final class ImageBuilder {

	private final String file;
	private final String format;
	private final TreeMap<Long, Chunk> chunks = new TreeMap<>();
	private int erasedValue = 0xFF;
	private Long entryPoint;

	/**
	 * @param file   the file name as the user gave it, used in error messages
	 * @param format human-readable format name, e.g. "Intel HEX"
	 */
	public ImageBuilder(String file, String format) {
		this.file = file;
		this.format = format;
	}

	public ImageBuilder erasedValue(int value) {
		if (value < 0 || value > 0xFF) {
			throw new IllegalArgumentException("erased value must be a byte: " + value);
		}
		this.erasedValue = value;
		return this;
	}

	public ImageBuilder entryPoint(long address) {
		this.entryPoint = address;
		return this;
	}

	public boolean isEmpty() {
		return chunks.isEmpty();
	}

	/**
	 * Adds bytes at an address.
	 *
	 * @param where the line or offset the bytes come from, for error messages
	 * @throws ImageFormatException if the bytes pass the 32-bit limit or contradict bytes added before
	 */
	public ImageBuilder add(long address, byte[] data, SourceLocation where) throws ImageFormatException {
		if (data.length == 0) {
			return this;
		}
		long end = address + data.length;
		if (address < 0 || end > Segment.ADDRESS_LIMIT) {
			throw new ImageFormatException(file, where, String.format(
					"data at 0x%X..0x%X lies beyond the 32-bit address space", address, end - 1));
		}
		// Stored chunks never overlap (only the new, uncovered parts of a record are stored), so the
		// one chunk starting below the address and those starting inside the range are all that can clash.
		Map.Entry<Long, Chunk> before = chunks.lowerEntry(address);
		if (before != null) {
			checkAgreement(before.getKey(), before.getValue(), address, data, where);
		}
		Map<Long, Chunk> inside = chunks.subMap(address, true, end, false);
		for (Map.Entry<Long, Chunk> after : inside.entrySet()) {
			checkAgreement(after.getKey(), after.getValue(), address, data, where);
		}
		storeUncoveredParts(address, data, where, before, List.copyOf(inside.entrySet()));
		return this;
	}

	private void storeUncoveredParts(long address, byte[] data, SourceLocation where, Map.Entry<Long, Chunk> before,
			List<Map.Entry<Long, Chunk>> inside) {
		long end = address + data.length;
		long cursor = before == null ? address : Math.max(address, before.getKey() + before.getValue().data.length);
		for (Map.Entry<Long, Chunk> covered : inside) {
			storePart(address, data, cursor, covered.getKey(), where);
			cursor = Math.max(cursor, covered.getKey() + covered.getValue().data.length);
		}
		storePart(address, data, cursor, end, where);
	}

	private void storePart(long address, byte[] data, long from, long to, SourceLocation where) {
		if (from < to) {
			byte[] part = Arrays.copyOfRange(data, (int) (from - address), (int) (to - address));
			chunks.put(from, new Chunk(part, where));
		}
	}

	private void checkAgreement(long chunkAddress, Chunk chunk, long address, byte[] data, SourceLocation where)
			throws ImageFormatException {
		long from = Math.max(chunkAddress, address);
		long to = Math.min(chunkAddress + chunk.data.length, address + data.length);
		for (long a = from; a < to; a++) {
			int old = chunk.data[(int) (a - chunkAddress)] & 0xFF;
			int now = data[(int) (a - address)] & 0xFF;
			if (old != now) {
				throw new ImageFormatException(file, where, String.format(
						"data at 0x%08X (0x%02X) contradicts %s, which put 0x%02X there", a, now, chunk.origin, old));
			}
		}
	}

	/** @throws ImageFormatException if the file held no data at all */
	public FirmwareImage build() throws ImageFormatException {
		if (chunks.isEmpty()) {
			throw new ImageFormatException(file, null, "the file holds no data");
		}
		List<Segment> segments = new ArrayList<>();
		long runStart = -1;
		long runEnd = -1;
		List<Map.Entry<Long, Chunk>> run = new ArrayList<>();
		for (Map.Entry<Long, Chunk> entry : chunks.entrySet()) {
			long start = entry.getKey();
			if (runStart >= 0 && start > runEnd) {
				segments.add(merge(runStart, runEnd, run));
				run.clear();
				runStart = -1;
			}
			if (runStart < 0) {
				runStart = start;
				runEnd = start;
			}
			run.add(entry);
			runEnd = Math.max(runEnd, start + entry.getValue().data.length);
		}
		segments.add(merge(runStart, runEnd, run));
		return new FirmwareImage(format, segments, erasedValue, entryPoint);
	}

	private static Segment merge(long start, long end, List<Map.Entry<Long, Chunk>> run) {
		if (run.size() == 1) {
			return new Segment(start, run.get(0).getValue().data);
		}
		byte[] bytes = new byte[(int) (end - start)];
		for (Map.Entry<Long, Chunk> entry : run) {
			byte[] data = entry.getValue().data;
			System.arraycopy(data, 0, bytes, (int) (entry.getKey() - start), data.length);
		}
		return new Segment(start, bytes);
	}

	private record Chunk(byte[] data, SourceLocation origin) {
	}
}
