package io.mintage.probe.stm32uart.internal;

import java.util.ArrayList;
import java.util.List;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuVariant;

/**
 * Which erase units (F0/F1 pages, F4 sectors) a range touches, numbered as the bootloader numbers
 * them: the unit's index in the variant's list, which is in address order from the start of flash.
 */
final class EraseUnits {

	/** One unit to erase: its bootloader number and where it lies. */
	record Unit(int number, MemoryRegion region) {

		/** "page 17 (0x08004400)" — how messages name it. */
		String describe(String kind) {
			return String.format("%s %d (0x%08X)", kind, number, region.start());
		}
	}

	private EraseUnits() {
	}

	/**
	 * The units overlapping [address, address + length), in address order.
	 *
	 * @throws IllegalArgumentException naming the range and the flash when the range leaves the flash
	 */
	static List<Unit> covering(McuVariant variant, long address, long length) {
		MemoryRegion flash = variant.flash();
		if (length <= 0) {
			throw new IllegalArgumentException(String.format("nothing to erase at 0x%08X: the length is %d", address,
					length));
		}
		if (!flash.contains(address, address + length)) {
			throw new IllegalArgumentException(String.format(
					"0x%08X..0x%08X is not inside the flash of the %s (0x%08X..0x%08X): nothing was erased", address,
					address + length - 1, variant.name(), flash.start(), flash.end() - 1));
		}
		List<Unit> units = new ArrayList<>();
		List<MemoryRegion> sectors = variant.sectors();
		for (int i = 0; i < sectors.size(); i++) {
			MemoryRegion sector = sectors.get(i);
			if (sector.start() < address + length && sector.end() > address) {
				units.add(new Unit(i, sector));
			}
		}
		long covered = units.stream().mapToLong(u -> u.region().size()).sum();
		if (units.isEmpty() || units.get(0).region().start() > address
				|| units.get(units.size() - 1).region().end() < address + length
				|| covered != units.get(units.size() - 1).region().end() - units.get(0).region().start()) {
			throw new IllegalArgumentException(String.format(
					"the erase units of the %s do not cover 0x%08X..0x%08X without gaps: its descriptor is wrong",
					variant.name(), address, address + length - 1));
		}
		return units;
	}

	/** Whether the units are the whole flash, so a mass erase does the same in one command. */
	static boolean isWholeFlash(McuVariant variant, List<Unit> units) {
		return units.size() == variant.sectors().size();
	}

	/** "sector" where units differ in size (F4), "page" where they are uniform (F0, F1). */
	static String kind(McuVariant variant) {
		return variant.sectors().stream().mapToLong(MemoryRegion::size).distinct().count() > 1 ? "sector" : "page";
	}
}
