package io.mintage.probe.stm32uart.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mintage.core.MemoryRegion;
import io.mintage.core.MemoryRegion.Kind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;

/**
 * Variants as the family bundles describe them (mcu-protocols.md B.2, C), written here so these tests
 * do not wait for those bundles: sizes, pages or sectors, UID places.
 */
final class TestVariants {

	static final long FLASH = 0x0800_0000L;

	/** STM32F030x8, PID 0x440: 64 KiB in 1 KiB pages. */
	static final McuVariant F030X8 = uniform("STM32F030x8", 0x440, 64, 1024, 2, 0x2000_0000L, 8, 0x1FFF_F7ACL);
	/** STM32F07x, PID 0x448: 128 KiB in 2 KiB pages. */
	static final McuVariant F072XB = uniform("STM32F07x", 0x448, 128, 2048, 2, 0x2000_0000L, 16, 0x1FFF_F7ACL);
	/** STM32F10x medium density, PID 0x410: 128 KiB in 1 KiB pages. */
	static final McuVariant F103XB = uniform("STM32F10x medium density", 0x410, 128, 1024, 2, 0x2000_0000L, 20,
			0x1FFF_F7E8L);
	/** STM32F10x high density, PID 0x414: 512 KiB in 2 KiB pages. */
	static final McuVariant F103XE = uniform("STM32F10x high density", 0x414, 512, 2048, 2, 0x2000_0000L, 64,
			0x1FFF_F7E8L);
	/** STM32F40x/41x, PID 0x413: 1 MiB in 4 x 16, 1 x 64 and 7 x 128 KiB sectors. */
	static final McuVariant F407XG = sectors("STM32F40x/41x", 0x413, 7, 0x1FFF_7A10L, 128);
	/** STM32F411, PID 0x431: 512 KiB in 4 x 16, 1 x 64 and 3 x 128 KiB sectors. */
	static final McuVariant F411XE = sectors("STM32F411", 0x431, 3, 0x1FFF_7A10L, 128);

	private TestVariants() {
	}

	private static McuVariant uniform(String name, long pid, int kib, int page, int granularity, long ram, int ramKib,
			long uid) {
		List<MemoryRegion> pages = new ArrayList<>();
		for (long at = FLASH; at < FLASH + kib * 1024L; at += page) {
			pages.add(new MemoryRegion("page", Kind.FLASH, at, page));
		}
		return new McuVariant(name, List.of(pid), new MemoryRegion("flash", Kind.FLASH, FLASH, kib * 1024L), pages,
				granularity, 0xFF, new MemoryRegion("sram", Kind.RAM, ram, ramKib * 1024L),
				Optional.of(new UidLocation(uid, 12)));
	}

	private static McuVariant sectors(String name, long pid, int big, long uid, int ramKib) {
		List<MemoryRegion> list = new ArrayList<>();
		long at = FLASH;
		for (int i = 0; i < 4; i++, at += 16 * 1024) {
			list.add(new MemoryRegion("sector " + list.size(), Kind.FLASH, at, 16 * 1024));
		}
		list.add(new MemoryRegion("sector 4", Kind.FLASH, at, 64 * 1024));
		at += 64 * 1024;
		for (int i = 0; i < big; i++, at += 128 * 1024) {
			list.add(new MemoryRegion("sector " + list.size(), Kind.FLASH, at, 128 * 1024));
		}
		return new McuVariant(name, List.of(pid), new MemoryRegion("flash", Kind.FLASH, FLASH, at - FLASH), list, 1,
				0xFF, new MemoryRegion("sram", Kind.RAM, 0x2000_0000L, ramKib * 1024L),
				Optional.of(new UidLocation(uid, 12)));
	}
}
