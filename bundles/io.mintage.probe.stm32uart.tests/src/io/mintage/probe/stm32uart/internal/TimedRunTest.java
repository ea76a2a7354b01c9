package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.DriverAgainstEmulatorTest.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * The one case in real time: 115200 Bd 8E1 on the modelled wire and the F103's datasheet flash times.
 * The driver cannot be faster than the wire allows, and should not be much slower: its own overhead
 * (turnarounds, drains) stays a small part of the total.
 */
class TimedRunTest {

	@Test
	void twoKibOnAnF103TakesAboutWhatTheWireAndFlashTake() throws Exception {
		byte[] data = image(2048, 21);
		try (Bench bench = Bench.inRealTime(Stm32Variant.F103XB); Stm32Connection connection = bench.connect()) {
			long start = System.nanoTime();
			connection.erase(bench.variant, TestVariants.FLASH, data.length, ProgressMonitor.NONE);
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));

			long perByte = SerialSettings.evenParity(115_200).nanosPerByte();
			int blocks = data.length / 256;
			// erase: 2 commands of 5 bytes + 2 ACKs each; write: 265 out + 2 ACKs, read-back 9 out + 256 + 3 back
			long wireBytes = 2 * (5 + 2) + blocks * (265 + 2 + 9 + 256 + 3);
			Duration wire = Duration.ofNanos(wireBytes * perByte);
			Duration flash = bench.chip.timing().erase(1024).multipliedBy(2)
					.plus(bench.chip.timing().program(256).multipliedBy(blocks));
			Duration floor = wire.plus(flash);
			System.out.printf("STM32F103 2 KiB erase + write + verify at 115200 Bd: %d ms (wire %d ms, flash %d ms)%n",
					took.toMillis(), wire.toMillis(), flash.toMillis());
			assertTrue(took.compareTo(floor.multipliedBy(95).dividedBy(100)) >= 0,
					"faster than the modelled wire and flash allow: " + took.toMillis() + " < " + floor.toMillis() + " ms");
			assertTrue(took.compareTo(floor.multipliedBy(2).plusMillis(200)) <= 0,
					"the driver's overhead is too large: " + took.toMillis() + " ms for a floor of " + floor.toMillis() + " ms");
		}
	}
}
