package io.mintage.station.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mintage.core.MemoryRegion;
import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.Segment;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;

/**
 * What one firmware image takes on one chip variant: the erase units it covers (merged into spans, so
 * the driver erases them in as few commands as it can), and the bytes to write per unit in the order
 * and form the family wants (LPC: vector checksum, sector 0 last). Made once per variant and reused for
 * every device.
 */
final class FirmwarePlan {

	/** One contiguous range to erase. */
	record Span(long start, long length) {
	}

	/** One write: bytes from {@code address}. */
	record Write(long address, byte[] bytes) {
	}

	private final List<Span> erase;
	private final List<Write> writes;
	private final long bytes;

	private FirmwarePlan(List<Span> erase, List<Write> writes) {
		this.erase = List.copyOf(erase);
		this.writes = List.copyOf(writes);
		this.bytes = writes.stream().mapToLong(w -> w.bytes().length).sum();
	}

	/**
	 * @param record where the device record goes; the firmware must stay clear of its erase unit
	 * @throws IllegalArgumentException in plain words when the image does not fit the chip or reaches
	 *                                  into the record's place
	 */
	static FirmwarePlan of(McuFamily family, McuVariant variant, FirmwareImage image, MemoryRegion record) {
		MemoryRegion flash = variant.flash();
		for (Segment segment : image.segments()) {
			if (!flash.contains(segment.address(), segment.end())) {
				throw new IllegalArgumentException(String.format(
						"the firmware's bytes at 0x%08X..0x%08X lie outside the %d KiB flash of this %s (0x%08X..0x%08X)",
						segment.address(), segment.end() - 1, flash.size() / 1024, variant.name(), flash.start(),
						flash.end() - 1));
			}
		}
		List<MemoryRegion> units = new ArrayList<>();
		for (MemoryRegion unit : variant.sectors()) {
			boolean touched = image.segments().stream().anyMatch(s -> s.address() < unit.end() && s.end() > unit.start());
			if (!touched) {
				continue;
			}
			if (unit.start() < record.end() && unit.end() > record.start()) {
				throw new IllegalArgumentException(String.format(
						"the firmware reaches into %s at 0x%08X, where this %s keeps the device record; the firmware must"
								+ " end before 0x%08X",
						unit.name(), unit.start(), variant.name(), unit.start()));
			}
			units.add(unit);
		}
		List<Span> spans = new ArrayList<>();
		for (MemoryRegion unit : units) {
			Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
			if (last != null && last.start() + last.length() == unit.start()) {
				spans.set(spans.size() - 1, new Span(last.start(), last.length() + unit.size()));
			} else {
				spans.add(new Span(unit.start(), unit.size()));
			}
		}
		List<Write> writes = new ArrayList<>();
		int granularity = Math.max(1, variant.writeGranularity());
		for (MemoryRegion unit : family.writeOrder(variant, units)) {
			byte[] content = family.prepareSector(variant, unit, image.read(unit.start(), Math.toIntExact(unit.size())));
			int first = 0;
			int end = content.length;
			byte erased = (byte) variant.erasedValue();
			while (first < end && content[first] == erased) {
				first++;
			}
			while (end > first && content[end - 1] == erased) {
				end--;
			}
			if (first == end) {
				continue;
			}
			// the bootloaders write whole words: widen to the write granularity, inside the unit
			first -= first % granularity;
			end = Math.min(content.length, (end + granularity - 1) / granularity * granularity);
			writes.add(new Write(unit.start() + first, Arrays.copyOfRange(content, first, end)));
		}
		return new FirmwarePlan(spans, writes);
	}

	List<Span> erase() {
		return erase;
	}

	List<Write> writes() {
		return writes;
	}

	/** Bytes written in all. */
	long bytes() {
		return bytes;
	}
}
