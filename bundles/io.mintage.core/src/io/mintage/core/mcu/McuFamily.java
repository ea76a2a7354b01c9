package io.mintage.core.mcu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.mintage.core.MemoryRegion;

/**
 * A family of microcontrollers (STM32F4, LPC11C24…) as one plug-in bundle contributes it: mostly data
 * from a validated descriptor file, plus code only where the family behaves differently. Found as an
 * OSGi service by {@link #ID}.
 */
public interface McuFamily {

	/** Service property and persisted identifier, e.g. {@code stm32f4}. Never renamed once released. */
	String ID = "mintage.mcu.family";

	String id();

	/** Name for people, e.g. "STM32F4". */
	String displayName();

	List<McuVariant> variants();

	/** The variant a bootloader's product/part ID belongs to. */
	default Optional<McuVariant> variantForDeviceId(long deviceId) {
		return variants().stream().filter(v -> v.deviceIds().contains(deviceId)).findFirst();
	}

	/** The variant of that name, as a job or a report names it. */
	default Optional<McuVariant> variantNamed(String name) {
		return variants().stream().filter(v -> v.name().equals(name)).findFirst();
	}

	/**
	 * The order in which the given erase units are to be programmed. Address order unless the family
	 * needs otherwise (LPC: sector 0 last, so an interrupted download leaves the chip in ISP).
	 */
	default List<MemoryRegion> writeOrder(McuVariant variant, List<MemoryRegion> sectors) {
		List<MemoryRegion> ordered = new ArrayList<>(sectors);
		ordered.sort(Comparator.comparingLong(MemoryRegion::start));
		return ordered;
	}

	/**
	 * The bytes to program into one erase unit, given the bytes the image puts there (the unit's full
	 * length, gaps filled with the erased value). Unchanged unless the family needs otherwise (LPC: the
	 * vector-table checksum in word 7 of sector 0).
	 */
	default byte[] prepareSector(McuVariant variant, MemoryRegion sector, byte[] content) {
		return content;
	}
}
