package io.mintage.mcu.stm32f4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.EraseKind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.mcu.testing.McuFamilyConformance;

/** The conformance kit plus the STM32F4 facts that matter (reference §B.2, §C.1, §C.4). */
class Stm32f4FamilyTest extends McuFamilyConformance {

	private static final int K = 1024;

	@Override
	protected String familyId() {
		return "stm32f4";
	}

	private McuVariant variant(long pid) {
		return family.variantForDeviceId(pid).orElseThrow(() -> new AssertionError(String.format("no variant 0x%X", pid)));
	}

	private static List<Long> sizes(McuVariant v) {
		return v.sectors().stream().map(MemoryRegion::size).toList();
	}

	@Test
	void f407SectorsAre16_64And128KiB() {
		McuVariant f407 = variant(0x413);
		assertEquals(List.of(16L * K, 16L * K, 16L * K, 16L * K, 64L * K, 128L * K, 128L * K, 128L * K, 128L * K, 128L * K,
				128L * K, 128L * K), sizes(f407));
		assertEquals(0x0801_0000L, f407.sectors().get(4).start());
		assertEquals(0x0802_0000L, f407.sectors().get(5).start());
		assertEquals(new MemoryRegion("sector 11", MemoryRegion.Kind.FLASH, 0x080E_0000L, 128 * K), f407.recordRegion());
	}

	/** AN2606 Table 4: the supply goes to 0xFFFF0000; 2.7-3.6 V programs words (RM0090: x32). */
	@Test
	void everyVariantIsToldItsSupplyAt0xFFFF0000() {
		for (McuVariant v : family.variants()) {
			SupplyRanges supply = v.supplyRanges().orElseThrow(() -> new AssertionError(v.name() + " has no supply ranges"));
			assertEquals(0xFFFF_0000L, supply.address(), v.name());
			assertEquals(new SupplyRanges.Range(2700, 3600, 3, 4), supply.forSupply(3300).orElseThrow(), v.name());
			assertEquals(new SupplyRanges.Range(2700, 3600, 3, 4), supply.forSupply(2700).orElseThrow(), v.name());
			assertEquals(new SupplyRanges.Range(1800, 2100, 0, 1), supply.forSupply(1800).orElseThrow(), v.name());
			assertEquals(2, supply.forSupply(2500).orElseThrow().programWidth(), v.name());
			assertTrue(supply.forSupply(5000).isEmpty(), v.name());
			assertTrue(supply.forSupply(1700).isEmpty(), v.name());
		}
	}

	@Test
	void sectorCountsFollowFlashSize() {
		assertEquals(6, variant(0x423).sectors().size());
		assertEquals(8, variant(0x433).sectors().size());
		assertEquals(8, variant(0x431).sectors().size());
		assertEquals(8, variant(0x421).sectors().size());
		assertEquals(12, variant(0x441).sectors().size());
		assertEquals(16, variant(0x463).sectors().size());
		assertEquals(24, variant(0x419).sectors().size());
		assertEquals(new MemoryRegion("sector 12", MemoryRegion.Kind.FLASH, 0x0810_0000L, 16 * K), variant(0x419).sectors().get(12));
	}

	@Test
	void otpIsOfferedForTheRecordButNotTheDefault() {
		for (McuVariant v : family.variants()) {
			assertEquals(RecordPlacement.LAST_ERASE_UNIT, v.recordPlacement(), v.name());
			assertEquals(new MemoryRegion("OTP", MemoryRegion.Kind.OTP, 0x1FFF_7800L, 512), v.recordRegion(RecordPlacement.OTP));
			assertTrue(v.hasQuirk("otp-not-erasable"), v.name());
		}
	}

	@Test
	void writeWidthDependsOnTheSupplyAndEraseIsExtended() {
		for (McuVariant v : family.variants()) {
			assertTrue(v.hasQuirk(Quirk.WRITE_WIDTH_BY_VOLTAGE), v.name());
			assertTrue(v.quirk(Quirk.WRITE_WIDTH_BY_VOLTAGE).orElseThrow().description().contains("0xFFFF0000"), v.name());
			assertEquals(EraseKind.STM32_EXTENDED_ERASE, v.eraseKind(), v.name());
			assertEquals(4, v.writeGranularity(), v.name());
		}
	}

	@Test
	void uidFlashSizeAndRdp() {
		for (McuVariant v : family.variants()) {
			assertEquals(new UidLocation(0x1FFF_7A10L, 12), v.uid().orElseThrow(), v.name());
			assertEquals(0x1FFF_7A22L, v.flashSizeRegister().getAsLong(), v.name());
			Protection p = v.protection();
			assertEquals(0, p.levelOf(0xAA).orElseThrow().rank());
			assertEquals(1, p.levelOf(0x55).orElseThrow().rank());
			assertEquals(Protection.Policy.REFUSED, p.levelOf(0xCC).orElseThrow().policy());
			assertTrue(v.unverified().containsKey("protection.address"), "the RDP byte address is not first-hand");
		}
	}

	@Test
	void conservativeBootloaderRamForF407() {
		assertEquals(0x3000, variant(0x413).bootloaderRam().get(0).size());
		assertEquals(16 * K, variant(0x441).bootloaderRam().get(0).size());
	}

	@Test
	void aReportedHalfMegabyteF407EndsAtSector7AndOddSizesAreRefused() {
		McuVariant f405rg = variant(0x413).forFlashSize(512 * K);
		assertEquals(8, f405rg.sectors().size());
		assertEquals(0x0806_0000L, f405rg.recordRegion().start());
		assertThrows(IllegalArgumentException.class, () -> variant(0x413).forFlashSize(600 * K));
		assertThrows(IllegalArgumentException.class, () -> variant(0x413).forFlashSize(2048 * K));
	}
}
