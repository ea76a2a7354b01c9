package io.mintage.core.mcu;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a bootloader is told the board's supply voltage so that it programs flash in wider steps. The
 * STM32F4 bootloader starts at its lowest voltage range and programs byte by byte; writing the code of
 * a higher range to a virtual location makes it program half-words or words, four times fewer flash
 * operations at 2.7–3.6 V (mcu-protocols.md A.4, [AN2606] §4.4 Table 4). A range the board does not
 * really supply must never be chosen: flash programmed too wide at too low a voltage is not reliable.
 *
 * @param address where the code goes, as one 4-byte Write Memory: the code, then three bytes 0xFF
 * @param ranges  ascending by voltage, not overlapping (a range may start where the one before ends)
 */
public record SupplyRanges(long address, List<Range> ranges) {

	/**
	 * One supply range and what the bootloader does in it.
	 *
	 * @param fromMillivolts lowest supply of the range
	 * @param toMillivolts   highest supply of the range
	 * @param code           the byte written to select it
	 * @param programWidth   bytes programmed in one flash operation in this range (1, 2, 4 or 8)
	 */
	public record Range(int fromMillivolts, int toMillivolts, int code, int programWidth) {

		public Range {
			if (fromMillivolts <= 0 || toMillivolts <= fromMillivolts) {
				throw new IllegalArgumentException(
						"a supply range runs from a positive voltage up, not " + fromMillivolts + "–" + toMillivolts + " mV");
			}
			if (code < 0 || code > 0xFF) {
				throw new IllegalArgumentException("a range code is one byte, not " + code);
			}
			if (programWidth < 1 || programWidth > 8 || Integer.bitCount(programWidth) != 1) {
				throw new IllegalArgumentException("a program width is 1, 2, 4 or 8 bytes, not " + programWidth);
			}
		}

		public boolean holds(int millivolts) {
			return millivolts >= fromMillivolts && millivolts <= toMillivolts;
		}

		/** "2.7–3.6 V". */
		public String describe() {
			return volts(fromMillivolts) + "–" + volts(toMillivolts) + " V";
		}
	}

	public SupplyRanges {
		ranges = List.copyOf(ranges);
		if (ranges.isEmpty()) {
			throw new IllegalArgumentException("supply ranges need at least one range");
		}
		for (int i = 1; i < ranges.size(); i++) {
			if (ranges.get(i).fromMillivolts() < ranges.get(i - 1).toMillivolts()) {
				throw new IllegalArgumentException(
						"supply range " + ranges.get(i).describe() + " overlaps " + ranges.get(i - 1).describe());
			}
		}
	}

	/**
	 * The range for a supply voltage; where two ranges meet (2.7 V ends one and starts the next) the
	 * higher one, whose lower bound the supply still meets.
	 */
	public Optional<Range> forSupply(int millivolts) {
		Range found = null;
		for (Range range : ranges) {
			if (range.holds(millivolts)) {
				found = range;
			}
		}
		return Optional.ofNullable(found);
	}

	/** "1.8–3.6 V", the span of all ranges. */
	public String describe() {
		return volts(ranges.get(0).fromMillivolts()) + "–" + volts(ranges.get(ranges.size() - 1).toMillivolts()) + " V";
	}

	/** 3300 → "3.3", 2700 → "2.7", 1850 → "1.85". */
	public static String volts(int millivolts) {
		String text = String.format(Locale.ROOT, "%d.%03d", millivolts / 1000, millivolts % 1000);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text + "0" : text;
	}
}
