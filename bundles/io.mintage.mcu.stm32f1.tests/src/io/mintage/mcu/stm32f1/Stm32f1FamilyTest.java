package io.mintage.mcu.stm32f1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.EraseKind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.mcu.testing.McuFamilyConformance;

/** The conformance kit plus the STM32F1 facts a wrong descriptor would get wrong (reference §B.2, §C.1, §C.3). */
class Stm32f1FamilyTest extends McuFamilyConformance {

	@Override
	protected String familyId() {
		return "stm32f1";
	}

	private McuVariant variant(long pid) {
		return family.variantForDeviceId(pid).orElseThrow(() -> new AssertionError(String.format("no variant 0x%X", pid)));
	}

	@Test
	void theSevenBootloaderProductIdsAreKnown() {
		Set<Long> ids = new TreeSet<>();
		family.variants().forEach(v -> ids.addAll(v.deviceIds()));
		assertEquals(new TreeSet<>(List.of(0x410L, 0x412L, 0x414L, 0x418L, 0x420L, 0x428L, 0x430L)), ids);
	}

	@Test
	void mediumDensity0x410Has128KiBIn1KiBPages() {
		McuVariant md = variant(0x410);
		assertEquals(new MemoryRegion("flash", MemoryRegion.Kind.FLASH, 0x0800_0000L, 128 * 1024), md.flash());
		assertEquals(128, md.sectors().size());
		assertTrue(md.sectors().stream().allMatch(s -> s.size() == 1024));
		assertEquals(new MemoryRegion("RAM", MemoryRegion.Kind.RAM, 0x2000_0000L, 20 * 1024), md.ram());
		assertEquals(List.of(new MemoryRegion("bootloader RAM", MemoryRegion.Kind.RAM, 0x2000_0000L, 512)), md.bootloaderRam());
		assertEquals(EraseKind.STM32_ERASE, md.eraseKind());
		assertTrue(md.hasQuirk("clone-dev-id"));
	}

	@Test
	void highDensityAndConnectivityLineHave2KiBPages() {
		assertTrue(variant(0x414).sectors().stream().allMatch(s -> s.size() == 2048));
		assertTrue(variant(0x418).sectors().stream().allMatch(s -> s.size() == 2048));
		assertEquals(4096, variant(0x418).bootloaderRam().get(0).size());
		assertEquals(1024, variant(0x412).sectors().get(0).size());
	}

	@Test
	void xlDensitySpeaksExtendedEraseOverTwoBanks() {
		McuVariant xl = variant(0x430);
		assertEquals(EraseKind.STM32_EXTENDED_ERASE, xl.eraseKind());
		assertEquals(1024 * 1024, xl.flash().size());
		assertEquals(0x0808_0000L, xl.sectorAt(0x0808_0000L).orElseThrow().start());
		assertTrue(xl.hasQuirk("dual-bank"));
	}

	@Test
	void uidAndFlashSizeRegisterAreWhereCmsisPutsThem() {
		for (McuVariant v : family.variants()) {
			assertEquals(new UidLocation(0x1FFF_F7E8L, 12), v.uid().orElseThrow(), v.name());
			assertEquals(0x1FFF_F7E0L, v.flashSizeRegister().getAsLong(), v.name());
		}
	}

	@Test
	void readoutProtectionIsTheF1SchemeWithoutLevel2() {
		for (McuVariant v : family.variants()) {
			Protection p = v.protection();
			assertEquals(Protection.Scheme.STM32F1_RDP, p.scheme(), v.name());
			assertEquals(0, p.levelOf(0xA5).orElseThrow().rank(), v.name());
			// 0xAA is level 0 on F0/F4 but protects an F1; 0xCC is no level 2 here
			assertEquals(1, p.levelOf(0xAA).orElseThrow().rank(), v.name());
			assertEquals(1, p.levelOf(0xCC).orElseThrow().rank(), v.name());
			assertTrue(p.levels().stream().noneMatch(l -> l.policy() == Protection.Policy.REFUSED), v.name());
			assertTrue(v.hasQuirk(Quirk.F1_READOUT_PROTECTION), v.name());
			assertTrue(v.hasQuirk(Quirk.ERASE_COMMAND_FROM_GET), v.name());
		}
	}

	@Test
	void aSmallerMediumDensityChipKeepsItsRecordInItsOwnLastPage() {
		McuVariant f103c8 = variant(0x410).forFlashSize(64 * 1024);
		assertEquals(new MemoryRegion("page 63", MemoryRegion.Kind.FLASH, 0x0800_FC00L, 1024), f103c8.recordRegion());
	}
}
