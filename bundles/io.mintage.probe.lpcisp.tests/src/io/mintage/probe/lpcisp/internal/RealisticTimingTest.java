package io.mintage.probe.lpcisp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mintage.core.progress.ProgressMonitor;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.lpc.LpcIspChip;

/**
 * The one slow case: the whole 32 KiB flash at the wire's real pace (sync at 9600 Bd, then 115200 Bd,
 * every byte its 10 bit times, echo included) and the datasheet's erase and program times.
 */
class RealisticTimingTest {

	@Test
	void aFullFlashTakesItsWireAndFlashTime() throws Exception {
		try (Lpc11c24Fixture f = new Lpc11c24Fixture(FaultPlan.none(), true, LpcIspChip.datasheetTiming())) {
			byte[] firmware = Lpc11c24Fixture.firmware(32768, 11);
			long start = System.nanoTime();
			LpcIspConnection c = f.connect(3);
			c.erase(Lpc11c24Fixture.variant(), 0, firmware.length, ProgressMonitor.NONE);
			c.write(0, firmware, ProgressMonitor.NONE);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertArrayEquals(VectorChecksum.patched(firmware), f.chip.flashContents());
			// UU data alone: 32768 bytes * 4/3 + line ends ≈ 45,000 characters = 3.9 s at 115200 8N1;
			// erase 8 x 100 ms, program 128 pages x 1 ms
			System.out.println("LPC11C24 32 KiB erase + write at 115200 Bd: " + took.toMillis() + " ms");
			assertTrue(took.compareTo(Duration.ofMillis(4800)) > 0, "faster than the wire allows: " + took);
			assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "far slower than the wire: " + took);
		}
	}
}
