package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.DriverAgainstEmulatorTest.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.core.mcu.SupplyRanges.Range;
import io.mintage.core.probe.SiteSettingException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * The site's supply voltage ({@code supply=3.3}) told to an STM32F4 bootloader, which then programs
 * words instead of bytes; refused in plain words where it fits no range; ignored by families whose
 * bootloader has no such setting.
 */
class SupplyRangeTest {

	/** The ranges of the F4 descriptor (io.mintage.mcu.stm32f4 checks the descriptor holds these). */
	static final SupplyRanges F4 = new SupplyRanges(0xFFFF_0000L, List.of(new Range(1800, 2100, 0, 1),
			new Range(2100, 2400, 1, 2), new Range(2400, 2700, 2, 2), new Range(2700, 3600, 3, 4)));

	private static McuVariant withSupply(McuVariant v) {
		return new McuVariant(v.name(), v.deviceIds(), v.flash(), v.sectors(), v.writeGranularity(), v.erasedValue(),
				v.ram(), v.uid(), v.undocumentedUid(), v.flashSizeRegister(), v.bootloaderRam(), v.systemRegions(),
				v.recordPlacement(), v.recordPlacements(), v.protection(), v.eraseKind(), v.quirks(), v.unverified(),
				v.source(), Optional.of(F4));
	}

	@ParameterizedTest
	@CsvSource({ "3.3, x32", "2.7, x32", "3.6, x32", "2.5, x16", "2.2, x16", "1.8, x8" })
	void theSupplySetsTheProgramWidthAndTheImageIsRight(String supply, String width) throws Exception {
		byte[] data = image(1024, 31);
		try (Bench bench = Bench.of(Stm32Variant.F407XG); Stm32Connection connection = bench.connect("supply=" + supply)) {
			connection.configureFor(withSupply(bench.variant));
			assertTrue(bench.tracedSoon("program parallelism " + width), bench.trace.toString());
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
		}
	}

	/** Word programming takes a quarter of the byte-wide time on the modelled flash. */
	@Test
	void wordsAreFasterThanBytesOnTheModelledFlash() throws Exception {
		byte[] data = image(4096, 32);
		long bytes = timeToWrite(data, "");
		long words = timeToWrite(data, "supply=3.3");
		// 16 blocks: 16 x 4.1 ms of byte programming against 16 x 1.0 ms, the wire time alike
		assertTrue(bytes - words > 30_000_000L, "bytes " + bytes / 1e6 + " ms, words " + words / 1e6 + " ms");
	}

	private static long timeToWrite(byte[] data, String settings) throws Exception {
		try (Bench bench = Bench.inRealTime(Stm32Variant.F407XG); Stm32Connection connection = bench.connect(settings)) {
			connection.configureFor(withSupply(bench.variant));
			long start = System.nanoTime();
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			long took = System.nanoTime() - start;
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
			return took;
		}
	}

	@Test
	void withoutASupplySettingTheBootloaderKeepsItsSafeDefault() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F407XG); Stm32Connection connection = bench.connect()) {
			connection.configureFor(withSupply(bench.variant));
			connection.write(TestVariants.FLASH, image(256, 33), ProgressMonitor.NONE);
			assertFalse(bench.traced("program parallelism"), bench.trace.toString());
		}
	}

	@Test
	void aSupplyOutsideEveryRangeIsRefusedBeforeAnythingIsSent() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F407XG); Stm32Connection connection = bench.connect("supply=5")) {
			SiteSettingException e = assertThrows(SiteSettingException.class,
					() -> connection.configureFor(withSupply(bench.variant)));
			assertEquals("the site's supply of 5.0 V is outside the ranges the STM32F40x/41x bootloader programs flash in"
					+ " (1.8–3.6 V): check supply= in the address of 115200 Bd on emulated f407xg", e.getMessage());
			assertFalse(bench.traced("WRITE"), bench.trace.toString());
		}
	}

	@Test
	void aSupplyThatIsNoVoltageIsRefusedAtConnect() {
		try (Bench bench = Bench.of(Stm32Variant.F407XG)) {
			IOException e = assertThrows(IOException.class, () -> bench.connect("supply=3,3V"));
			assertEquals("the setting supply=3,3V of port emulated f407xg is not the board's supply voltage in volts"
					+ " from 1.0 to 5.5 (for example supply=3.3)", e.getMessage());
		}
	}

	/** An F1 programs half-words at any supply: the setting changes nothing there. */
	@Test
	void aFamilyWithoutSupplyRangesIgnoresTheSetting() throws Exception {
		byte[] data = image(512, 34);
		try (Bench bench = Bench.of(Stm32Variant.F103XB); Stm32Connection connection = bench.connect("supply=3.3")) {
			connection.configureFor(bench.variant);
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertFalse(bench.traced("0xFFFF0000"), bench.trace.toString());
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
		}
	}

	/** A bootloader that NACKs the range: a setting of the site to correct, and the session goes on. */
	@Test
	void aRangeTheBootloaderRefusesIsASiteSetting() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F103XB); Stm32Connection connection = bench.connect("supply=3.3")) {
			SiteSettingException e = assertThrows(SiteSettingException.class,
					() -> connection.configureFor(withSupply(bench.variant)));
			assertEquals("the bootloader refused the supply range 2.7–3.6 V (code 0x03 at 0xFFFF0000): this chip does"
					+ " not take its supply that way; remove supply= from the address of 115200 Bd on emulated f103xb",
					e.getMessage());
			assertEquals(Stm32Variant.F103XB.pid, connection.identify().deviceId(), "waiting for a command again");
		}
	}

	/**
	 * A chip that loses power mid-write restarts at byte width; the driver, once it knows the chip is the
	 * same, tells it the supply again before the block is written again.
	 */
	@Test
	void aChipThatRestartsIsToldTheSupplyAgain() throws Exception {
		// connect (0x7F, Get) 3 + supply write 13 + UID read 9 + block 0 (265 + 9) + block 1's command and address 7
		int inSecondBlock = 3 + 13 + 9 + 274 + 7 + 100;
		byte[] data = image(1024, 35);
		try (Bench bench = Bench.withFaults(Stm32Variant.F407XG, "powerloss@" + inSecondBlock);
				Stm32Connection connection = bench.connect("supply=3.3")) {
			McuVariant variant = withSupply(bench.variant);
			connection.configureFor(variant);
			connection.readUid(variant);
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertTrue(bench.tracedSoon("fault: powerloss"), bench.trace.toString());
			assertEquals(2, bench.tracedCount("program parallelism x32"), bench.trace.toString());
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
		}
	}
}
