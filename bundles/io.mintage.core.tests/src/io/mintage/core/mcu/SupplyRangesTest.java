package io.mintage.core.mcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.core.mcu.SupplyRanges.Range;

class SupplyRangesTest {

	private static final SupplyRanges F4 = new SupplyRanges(0xFFFF_0000L, List.of(new Range(1800, 2100, 0, 1),
			new Range(2100, 2400, 1, 2), new Range(2400, 2700, 2, 2), new Range(2700, 3600, 3, 4)));

	@Test
	void whereTwoRangesMeetTheHigherOneIsTaken() {
		assertEquals(3, F4.forSupply(2700).orElseThrow().code());
		assertEquals(2, F4.forSupply(2699).orElseThrow().code());
		assertEquals(0, F4.forSupply(1800).orElseThrow().code());
		assertEquals(3, F4.forSupply(3600).orElseThrow().code());
		assertTrue(F4.forSupply(3601).isEmpty());
		assertTrue(F4.forSupply(1799).isEmpty());
	}

	@Test
	void voltsAreWrittenAsPeopleWriteThem() {
		assertEquals("3.3", SupplyRanges.volts(3300));
		assertEquals("5.0", SupplyRanges.volts(5000));
		assertEquals("1.85", SupplyRanges.volts(1850));
		assertEquals("1.8–3.6 V", F4.describe());
		assertEquals("2.7–3.6 V", F4.forSupply(3300).orElseThrow().describe());
	}

	@Test
	void overlappingRangesAreRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new SupplyRanges(0, List.of(new Range(1800, 2700, 0, 1), new Range(2600, 3600, 3, 4))));
		assertEquals("supply range 2.6–3.6 V overlaps 1.8–2.7 V", e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new Range(2700, 3600, 3, 3));
		assertThrows(IllegalArgumentException.class, () -> new SupplyRanges(0, List.of()));
	}
}
