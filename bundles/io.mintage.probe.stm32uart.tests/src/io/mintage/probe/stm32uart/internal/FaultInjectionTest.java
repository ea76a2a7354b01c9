package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.DriverAgainstEmulatorTest.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.Lines;
import io.mintage.serial.SerialLine;
import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.serial.Refusal;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32EmulatorFactory;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * Every fault the emulator injects: once, the driver recovers (resync, retry) and the result is right;
 * at every attempt, the driver gives up with a plain-words IOException naming what and where, and the
 * chip is in a known state the next call works from. Byte numbers count what the chip receives from
 * its start: connecting is 3 bytes (0x7F, Get), a written block 265 (command, address, N + 256 + XOR)
 * and its read-back 9 (command, address, length).
 */
class FaultInjectionTest {

	/** Connect 3 bytes + block 0 (265 + 9) + block 1's command and address (7): inside block 1's data. */
	private static final int IN_SECOND_BLOCK = 3 + 274 + 7 + 100;

	private static byte[] erased(int length) {
		byte[] b = new byte[length];
		Arrays.fill(b, (byte) 0xFF);
		return b;
	}

	/** One fault inside a write: resynchronised, the block tried again, the image right. */
	@ParameterizedTest
	@ValueSource(strings = { "drop@" + IN_SECOND_BLOCK, "corrupt@" + IN_SECOND_BLOCK, "nack@" + IN_SECOND_BLOCK,
			"stall@" + IN_SECOND_BLOCK + ":300", "powerloss@" + IN_SECOND_BLOCK })
	void aSingleFaultInAWriteIsRecovered(String plan) throws Exception {
		byte[] data = image(1024, 11);
		try (Bench bench = Bench.withFaults(Stm32Variant.F103XB, plan); Stm32Connection connection = bench.connect()) {
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertTrue(bench.tracedSoon("fault: " + plan.substring(0, plan.indexOf('@'))), bench.trace.toString());
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
			assertArrayEquals(data, connection.read(TestVariants.FLASH, data.length, ProgressMonitor.NONE));
		}
	}

	/** The same faults inside a page erase on a chip with Extended Erase. */
	@ParameterizedTest
	@ValueSource(strings = { "drop@7", "corrupt@7", "nack@4", "stall@6:300", "powerloss@7" })
	void aSingleFaultInAnEraseIsRecovered(String plan) throws Exception {
		try (Bench bench = Bench.withFaults(Stm32Variant.F030X8, plan)) {
			bench.chip.preload(TestVariants.FLASH, new byte[3 * 1024]);
			try (Stm32Connection connection = bench.connect()) {
				connection.erase(bench.variant, TestVariants.FLASH + 1024, 1024, ProgressMonitor.NONE);
			}
			assertTrue(bench.tracedSoon("fault: " + plan.substring(0, plan.indexOf('@'))), bench.trace.toString());
			assertArrayEquals(new byte[1024], bench.flash(TestVariants.FLASH, 1024));
			assertArrayEquals(erased(1024), bench.flash(TestVariants.FLASH + 1024, 1024));
			assertArrayEquals(new byte[1024], bench.flash(TestVariants.FLASH + 2048, 1024));
		}
	}

	/** Get Version's command byte lost at all three attempts (bytes 3, 6, 9: each resync takes one probe). */
	@Test
	void droppedAtEveryAttempt() throws Exception {
		try (Bench bench = Bench.withFaults(Stm32Variant.F407XG, "drop@3,drop@6,drop@9");
				Stm32Connection connection = bench.connect()) {
			IOException e = assertThrows(IOException.class, connection::identify);
			assertEquals("identifying the chip (Get Version, Get ID): no answer within 100 ms after command 0x01"
					+ " (Get Version) (3 attempts); nothing on the chip changed", e.getMessage());
			assertEquals(Stm32Variant.F407XG.pid, connection.identify().deviceId(), "waiting for a command again");
		}
	}

	/** Get Version's command byte damaged at all three attempts (each resync takes two probes). */
	@Test
	void corruptedAtEveryAttempt() throws Exception {
		try (Bench bench = Bench.withFaults(Stm32Variant.F072XB, "corrupt@3,corrupt@7,corrupt@11");
				Stm32Connection connection = bench.connect()) {
			IOException e = assertThrows(IOException.class, connection::identify);
			assertEquals("identifying the chip (Get Version, Get ID): NACK after command 0x01 (Get Version)"
					+ " (3 attempts); nothing on the chip changed", e.getMessage());
			assertEquals(Stm32Variant.F072XB.pid, connection.identify().deviceId(), "waiting for a command again");
		}
	}

	/** Erase refused three times: the page is named with its address, and it is as it was. */
	@Test
	void nackedAtEveryAttempt() throws Exception {
		try (Bench bench = Bench.withFaults(Stm32Variant.F103XB, "nack@3,nack@4,nack@5")) {
			bench.chip.preload(TestVariants.FLASH, new byte[4096]);
			try (Stm32Connection connection = bench.connect()) {
				IOException e = assertThrows(IOException.class,
						() -> connection.erase(bench.variant, 0x0800_0800L, 0x400, ProgressMonitor.NONE));
				assertEquals("page 2 (0x08000800) did not erase: NACK after command 0x43 (Erase) (3 attempts); it may"
						+ " be partly erased and the pages after it are as they were", e.getMessage());
				assertArrayEquals(new byte[4096], bench.flash(TestVariants.FLASH, 4096), "nothing erased");
				connection.erase(bench.variant, 0x0800_0800L, 0x400, ProgressMonitor.NONE);
				assertArrayEquals(erased(0x400), bench.flash(0x0800_0800L, 0x400));
			}
		}
	}

	/**
	 * A chip that stops for longer than the driver waits: the write ends with the block named and what
	 * is written; when the chip goes on, it is waiting for a command and holds the first block only.
	 */
	@Test
	void stalledLongerThanTheDriverWaits() throws Exception {
		byte[] data = image(512, 12);
		try (Bench bench = Bench.withFaults(Stm32Variant.F411XE, "stall@" + IN_SECOND_BLOCK + ":1400");
				Stm32Connection connection = bench.connect()) {
			IOException e = assertThrows(IOException.class,
					() -> connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE));
			assertTrue(e.getMessage().startsWith("writing 0x08000100..0x080001FF failed: the chip stopped answering on "),
					e.getMessage());
			assertTrue(e.getMessage().endsWith("it lost power, left the bootloader or the cable is loose;"
					+ " 0x08000000..0x080000FF is written and verified; 0x08000100..0x080001FF may be partly written:"
					+ " erase and write it again"), e.getMessage());
			Thread.sleep(400);
			assertEquals(Stm32Variant.F411XE.pid, connection.identify().deviceId(), "the chip answers again");
			assertArrayEquals(Arrays.copyOf(data, 256), connection.read(TestVariants.FLASH, 256, ProgressMonitor.NONE));
		}
	}

	/**
	 * Power lost for longer than the driver waits: the write fails in plain words; once power is back the
	 * job's retry — connect, erase, write — completes.
	 */
	@Test
	void powerLostLongerThanTheDriverWaitsThenTheRetryCompletes() throws Exception {
		byte[] data = image(768, 13);
		try (Bench bench = Bench.withFaults(Stm32Variant.F030X8, "powerloss@" + IN_SECOND_BLOCK + ":1500")) {
			Stm32Connection first = bench.connect();
			IOException e = assertThrows(IOException.class,
					() -> first.write(TestVariants.FLASH, data, ProgressMonitor.NONE));
			assertTrue(e.getMessage().startsWith("writing 0x08000100..0x080001FF failed: the chip stopped answering"),
					e.getMessage());
			assertTrue(bench.tracedSoon("power lost at byte " + IN_SECOND_BLOCK), bench.trace.toString());
			assertArrayEquals(Arrays.copyOf(data, 256), bench.flash(TestVariants.FLASH, 256), "block 0 survived");
			assertArrayEquals(erased(512), bench.flash(TestVariants.FLASH + 256, 512), "the rest was never written");
			Thread.sleep(600);
			Stm32Connection retry = bench.connect();
			retry.erase(bench.variant, TestVariants.FLASH, data.length, ProgressMonitor.NONE);
			retry.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
			retry.close();
		}
	}
	/**
	 * A host that died in the middle of a Write Memory block (station killed, cable pulled) leaves the
	 * chip waiting for the rest of the frame, taking every 0x7F as data. The next connection finishes
	 * the frame with 0x7F only (its checksum no longer fits: nothing written), finds the chip again and
	 * programs it; without that, each connection's few probes vanished into the frame and the chip stayed
	 * lost for about two minutes of retries.
	 */
	@Test
	void aChipLeftInTheMiddleOfAWriteBlockIsFoundAgain() throws Exception {
		byte[] data = image(512, 29);
		try (Bench bench = Bench.of(Stm32Variant.F103XB)) {
			bench.connect();
			SerialLine line = bench.host.clientLine();
			line.write(new byte[] { 0x31, (byte) 0xCE });
			assertEquals(0x79, Lines.readByte(line, Duration.ofSeconds(1)), "command ACK");
			line.write(new byte[] { 0x08, 0x00, 0x01, 0x00, 0x09 });
			assertEquals(0x79, Lines.readByte(line, Duration.ofSeconds(1)), "address ACK");
			byte[] half = new byte[1 + 100];
			half[0] = (byte) 0xFF;
			System.arraycopy(data, 0, half, 1, 100);
			line.write(half); // and the host is gone: 156 data bytes and the checksum never come

			Stm32Connection next = bench.connectAfterARestart();
			assertEquals(Stm32Variant.F103XB.pid, next.identify().deviceId(), "the chip answers again");
			assertArrayEquals(erased(256), bench.flash(TestVariants.FLASH + 0x100, 256),
					"the finished frame's checksum did not fit: nothing was written");
			next.erase(bench.variant, TestVariants.FLASH, data.length, ProgressMonitor.NONE);
			next.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, data.length));
		}
	}

	/**
	 * The operator takes the chip out in the middle of a write and puts the next one in before the
	 * driver gave up: the new chip answers the resync with ACK (it measures the baud rate), is read
	 * again, and gets nothing of the first chip's image — which would otherwise end on it, with the
	 * first chip's record, while the first chip is counted as made.
	 */
	@Test
	void anotherChipPutInMidWriteGetsNothingOfTheFirstOnesImage() throws Exception {
		byte[] data = image(1024, 41);
		// host bytes: sync 1, Get 2, Read Memory of the UID 9, Erase of one page 5, first block 265 + its
		// read-back 9, then the second block's command and address (7) and 100 of its data bytes
		int inSecondBlock = 1 + 2 + 9 + 5 + 274 + 7 + 100;
		FeedPlan plan = FeedPlan.of("stm32f1").withVariant("f103xb").withCount(2).withSwapDelay(Duration.ofMillis(20))
				.withFlashTimeScale(0.01)
				.withFaultsPerChip(n -> n == 1 ? FaultPlan.parse("pull@" + inSecondBlock) : FaultPlan.none());
		HostOptions options = HostOptions.of(SerialSettings.evenParity(115_200)).withoutWireTime();
		try (ChipFeeder feeder = ChipFeeder.inMemory(new Stm32EmulatorFactory(), plan, options, ChipFeeder.Events.NONE)) {
			Stm32UartDriver driver = new Stm32UartDriver((path, settings) -> feeder.host().clientLine(), Bench.FAST);
			McuVariant variant = Bench.descriptor(Stm32Variant.F103XB);
			try (Stm32Connection connection = (Stm32Connection) driver.connect("fixture", ProgressMonitor.NONE)) {
				DeviceUid first = connection.readUid(variant);
				connection.erase(variant, TestVariants.FLASH, data.length, ProgressMonitor.NONE);
				Refusal refusal = assertThrows(Refusal.class,
						() -> connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE));
				assertTrue(refusal.getMessage().startsWith("another chip answered on "), refusal.getMessage());
				assertTrue(refusal.getMessage().contains(", not " + first.toString().toUpperCase()), refusal.getMessage());
				assertTrue(feeder.awaitFed(2, Duration.ofSeconds(5)), "the second chip is in");
				Stm32Bootloader second = (Stm32Bootloader) feeder.fed().get(1);
				assertArrayEquals(erased(data.length), Arrays.copyOf(second.flashContents(), data.length),
						"nothing of the first chip's image on the second");
				IOException after = assertThrows(IOException.class, () -> connection.identify());
				assertTrue(after.getMessage().contains("another chip is on the line"), after.getMessage());
			}
		}
	}
}
