package io.mintage.mcu.lpc11c24;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.EraseKind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.mcu.testing.McuFamilyConformance;

/** The conformance kit plus the LPC11C24 facts and the two things only it does (reference §D.5–D.8). */
class Lpc11c24FamilyTest extends McuFamilyConformance {

	@Override
	protected String familyId() {
		return "lpc11c24";
	}

	private McuVariant lpc11c24() {
		return family.variantForDeviceId(0x1430102BL).orElseThrow(() -> new AssertionError("no variant for part ID 0x1430102B"));
	}

	@Test
	void partId0x1430102BHas32KiBIn8SectorsOf4KiB() {
		McuVariant v = lpc11c24();
		assertEquals(new MemoryRegion("flash", MemoryRegion.Kind.FLASH, 0, 32 * 1024), v.flash());
		assertEquals(8, v.sectors().size());
		assertTrue(v.sectors().stream().allMatch(s -> s.size() == 4096));
		assertEquals(new MemoryRegion("RAM", MemoryRegion.Kind.RAM, 0x1000_0000L, 8 * 1024), v.ram());
		assertEquals(256, v.writeGranularity());
		assertEquals(0xFF, v.erasedValue());
		assertEquals(EraseKind.LPC_PREPARE_ERASE, v.eraseKind());
		assertTrue(v.flashSizeRegister().isEmpty());
		assertEquals(new MemoryRegion("sector 7", MemoryRegion.Kind.FLASH, 0x7000, 4096), v.recordRegion());
	}

	@Test
	void uidIs16BytesFromTheIspCommand() {
		assertEquals(new UidLocation(0, 16, UidLocation.Access.ISP_COMMAND), lpc11c24().uid().orElseThrow());
		assertTrue(lpc11c24().hasQuirk("uid-word-order"));
	}

	@Test
	void ispRamBelow0x10000300IsTheBootloaders() {
		MemoryRegion low = lpc11c24().bootloaderRam().get(0);
		assertEquals(0x1000_0000L, low.start());
		assertEquals(0x1000_0300L, low.end());
		assertTrue(lpc11c24().unverified().containsKey("bootloaderRam"));
	}

	@Test
	void crpLevelsAreTheWordAt0x2FC() {
		Protection p = lpc11c24().protection();
		assertEquals(Protection.Scheme.LPC_CRP, p.scheme());
		assertEquals(0x2FC, p.address());
		assertEquals(4, p.width());
		assertEquals("none", p.levelOf(0xFFFF_FFFFL).orElseThrow().name());
		assertEquals(Protection.Policy.ALLOWED, p.levelOf(0x1234_5678L).orElseThrow().policy());
		assertEquals(Protection.Policy.EXPLICIT_ONLY, p.levelOf(0x8765_4321L).orElseThrow().policy());
		assertEquals(Protection.Policy.REFUSED, p.levelOf(0x4321_8765L).orElseThrow().policy());
		assertEquals("NO_ISP", p.levelOf(0x4E69_7370L).orElseThrow().name());
		assertTrue(p.levels().stream().allMatch(l -> l.setBy() == Protection.SetBy.IMAGE_WORD));
	}

	@Test
	void sectorZeroIsWrittenLast() {
		McuVariant v = lpc11c24();
		assertTrue(v.hasQuirk(Quirk.SECTOR_ZERO_LAST));
		List<MemoryRegion> order = family.writeOrder(v, List.of(v.sectors().get(2), v.sectors().get(0), v.sectors().get(1)));
		assertEquals(List.of(v.sectors().get(1), v.sectors().get(2), v.sectors().get(0)), order);
	}

	@Test
	void sectorZeroGetsTheVectorChecksumInWord7() {
		McuVariant v = lpc11c24();
		assertTrue(v.hasQuirk(Quirk.VECTOR_CHECKSUM));
		byte[] content = new byte[4096];
		Arrays.fill(content, (byte) 0xFF);
		ByteBuffer words = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
		int[] vectors = { 0x1000_2000, 0x0000_00C1, 0x0000_00C5, 0x0000_00C7, 0, 0, 0 };
		for (int i = 0; i < vectors.length; i++) {
			words.putInt(4 * i, vectors[i]);
		}
		byte[] prepared = family.prepareSector(v, v.sectors().get(0), content);
		ByteBuffer out = ByteBuffer.wrap(prepared).order(ByteOrder.LITTLE_ENDIAN);
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			sum += out.getInt(4 * i);
		}
		assertEquals(0, sum, "words 0-7 must sum to zero");
		assertEquals(0xEFFF_DDB3L, out.getInt(0x1C) & 0xFFFF_FFFFL);
		assertArrayEquals(Arrays.copyOfRange(content, 32, 4096), Arrays.copyOfRange(prepared, 32, 4096));
		byte[] other = new byte[4096];
		assertSame(other, family.prepareSector(v, v.sectors().get(3), other), "other sectors are not touched");
	}
}
