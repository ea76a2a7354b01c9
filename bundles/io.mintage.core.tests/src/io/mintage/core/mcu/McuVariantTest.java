package io.mintage.core.mcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.mintage.core.MemoryRegion;
import io.mintage.core.MemoryRegion.Kind;

class McuVariantTest {

	private static final MemoryRegion FLASH = new MemoryRegion("flash", Kind.FLASH, 0x0800_0000L, 8 * 1024);
	private static final MemoryRegion RAM = new MemoryRegion("RAM", Kind.RAM, 0x2000_0000L, 4 * 1024);

	private static List<MemoryRegion> pages(int size) {
		List<MemoryRegion> pages = new ArrayList<>();
		for (long a = FLASH.start(), i = 0; a < FLASH.end(); a += size, i++) {
			pages.add(new MemoryRegion("page " + i, Kind.FLASH, a, size));
		}
		return pages;
	}

	/** The ids are persisted (descriptors, job packages): these exact strings, both ways. */
	@Test
	void recordPlacementsHaveTheirPersistedIds() {
		assertEquals("last-erase-unit", RecordPlacement.LAST_ERASE_UNIT.id());
		assertEquals("otp", RecordPlacement.OTP.id());
		for (RecordPlacement placement : RecordPlacement.values()) {
			assertEquals(Optional.of(placement), RecordPlacement.ofId(placement.id()));
		}
		assertEquals(Optional.empty(), RecordPlacement.ofId("OTP"));
		assertEquals(Optional.empty(), RecordPlacement.ofId("LAST_ERASE_UNIT"));
	}

	/** The constructor probes use keeps working, with neutral values for everything added since. */
	@Test
	void theOriginalEightComponentConstructorFillsNeutralDefaults() {
		McuVariant v = new McuVariant("demo", List.of(0x410L), FLASH, pages(1024), 4, 0xFF, RAM,
				Optional.of(new McuVariant.UidLocation(0x1FFF_F7E8L, 12)));
		assertEquals(McuVariant.UidLocation.Access.MEMORY, v.uid().orElseThrow().access());
		assertEquals(Optional.empty(), v.undocumentedUid());
		assertEquals(OptionalLong.empty(), v.flashSizeRegister());
		assertEquals(RecordPlacement.LAST_ERASE_UNIT, v.recordPlacement());
		assertEquals(pages(1024).get(7), v.recordRegion());
		assertEquals(Protection.Scheme.NONE, v.protection().scheme());
		assertTrue(v.quirks().isEmpty());
	}

	@Test
	void aSmallerFlashSizeCutsTheSectorsAndMovesTheRecord() {
		McuVariant v = new McuVariant("demo", List.of(1L), FLASH, pages(1024), 4, 0xFF, RAM, Optional.empty());
		McuVariant small = v.forFlashSize(4096);
		assertEquals(4, small.sectors().size());
		assertEquals(0x0800_0C00L, small.recordRegion().start());
		assertSame(v, v.forFlashSize(FLASH.size()));
		assertEquals("demo: a flash size of 1500 bytes ends inside page 1 0x08000400..0x080007FF (1 KiB), not on an erase-unit boundary",
				assertThrows(IllegalArgumentException.class, () -> v.forFlashSize(1500)).getMessage());
		assertEquals("demo: a flash size of 16384 bytes is outside 1..8192 bytes",
				assertThrows(IllegalArgumentException.class, () -> v.forFlashSize(16384)).getMessage());
	}

	@Test
	void aPlacementNotOfferedIsRefused() {
		McuVariant v = new McuVariant("demo", List.of(1L), FLASH, pages(1024), 4, 0xFF, RAM, Optional.empty());
		assertEquals("demo does not offer OTP for the device record; it offers [LAST_ERASE_UNIT]",
				assertThrows(IllegalArgumentException.class, () -> v.recordRegion(RecordPlacement.OTP)).getMessage());
	}

	@Test
	void protectionLevelsByValueWithOneCatchAll() {
		Protection p = new Protection(Protection.Scheme.STM32_RDP, 0x1FFF_F800L, 1, List.of(
				new Protection.Level("level 0", 0, OptionalLong.of(0xAA), Protection.SetBy.DEFAULT, Protection.Policy.ALLOWED, "open"),
				new Protection.Level("level 1", 1, OptionalLong.empty(), Protection.SetBy.READOUT_PROTECT_COMMAND,
						Protection.Policy.ALLOWED, "closed"),
				new Protection.Level("level 2", 2, OptionalLong.of(0xCC), Protection.SetBy.OPTION_BYTES, Protection.Policy.REFUSED,
						"forever")));
		assertEquals("level 0", p.levelOf(0xAA).orElseThrow().name());
		assertEquals("level 1", p.levelOf(0x55).orElseThrow().name());
		assertEquals("level 2", p.levelOf(0xCC).orElseThrow().name());
	}
}
