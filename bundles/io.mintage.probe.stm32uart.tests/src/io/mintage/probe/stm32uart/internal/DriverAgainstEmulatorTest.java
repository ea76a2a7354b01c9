package io.mintage.probe.stm32uart.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mintage.core.DeviceUid;
import io.mintage.core.MemoryRegion;
import io.mintage.core.probe.TargetConnection.TargetIdentity;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.sim.ResetKind;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32Variant;

/** The driver against the STM32 bootloader emulator of every part it models (F0, F1, F4), in process. */
class DriverAgainstEmulatorTest {

	static byte[] image(int length, int seed) {
		byte[] data = new byte[length];
		new Random(seed).nextBytes(data);
		return data;
	}

	private static byte[] erased(int length) {
		byte[] b = new byte[length];
		Arrays.fill(b, (byte) 0xFF);
		return b;
	}

	@ParameterizedTest
	@EnumSource(Stm32Variant.class)
	void identifiesAndReadsTheUid(Stm32Variant emulated) throws Exception {
		try (Bench bench = Bench.of(emulated); Stm32Connection connection = bench.connect()) {
			TargetIdentity identity = connection.identify();
			assertEquals(emulated.protocol, identity.bootloaderVersion());
			assertEquals(emulated.pid, identity.deviceId());
			assertTrue(bench.variant.deviceIds().contains(identity.deviceId()));
			assertEquals(DeviceUid.of(Stm32Bootloader.defaultUid(emulated)), connection.readUid(bench.variant));
			assertFalse(connection.isReadProtected());
			assertEquals(emulated.extendedErase(), connection.commands().has(Frames.EXTENDED_ERASE),
					"Erase or Extended Erase as Get lists them: " + connection.describeCommands());
		}
	}

	@ParameterizedTest
	@EnumSource(Stm32Variant.class)
	void theDescriptorsUnitsAreTheChips(Stm32Variant emulated) {
		int[] blocks = emulated.eraseBlocks();
		var sectors = Bench.descriptor(emulated).sectors();
		assertEquals(blocks.length, sectors.size());
		for (int i = 0; i < blocks.length; i++) {
			assertEquals(blocks[i], sectors.get(i).size(), "unit " + i);
		}
	}

	/** A range across one unit edge erases those two units and leaves both neighbours programmed. */
	@ParameterizedTest
	@EnumSource(Stm32Variant.class)
	void erasesOnlyTheUnitsTheRangeNeeds(Stm32Variant emulated) throws Exception {
		try (Bench bench = Bench.of(emulated)) {
			var units = bench.variant.sectors();
			int span = (int) units.get(3).end() - (int) bench.flashStart();
			byte[] zeros = new byte[span];
			bench.chip.preload(bench.flashStart(), zeros);
			try (Stm32Connection connection = bench.connect()) {
				RecordingMonitor monitor = new RecordingMonitor();
				MemoryRegion second = units.get(1);
				connection.erase(bench.variant, second.end() - 2, 4, monitor);
				assertEquals(2, monitor.total);
				assertEquals(1, monitor.steps, "one erase command for both units");
				assertEquals(2, monitor.done);
				assertTrue(monitor.tasks.get(0).startsWith("Erasing 2 " + EraseUnits.kind(bench.variant) + "s"));
			}
			byte[] flash = bench.flash(bench.flashStart(), span);
			MemoryRegion first = units.get(0);
			MemoryRegion fourth = units.get(3);
			int a = (int) units.get(1).start() - (int) bench.flashStart();
			int b = (int) units.get(2).end() - (int) bench.flashStart();
			assertArrayEquals(new byte[(int) first.size()], Arrays.copyOfRange(flash, 0, a), "unit 0 untouched");
			assertArrayEquals(erased(b - a), Arrays.copyOfRange(flash, a, b), "units 1 and 2 erased");
			assertArrayEquals(new byte[(int) fourth.size()], Arrays.copyOfRange(flash, b, span), "unit 3 untouched");
			assertTrue(bench.tracedSoon("ERASE 2 "), "one command for both units");
			assertFalse(bench.traced("MASS ERASE"));
		}
	}

	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F030X8", "F103XB", "F411XE" })
	void theWholeFlashIsOneMassErase(Stm32Variant emulated) throws Exception {
		try (Bench bench = Bench.of(emulated)) {
			bench.chip.preload(bench.flashStart() + 0x100, new byte[64]);
			try (Stm32Connection connection = bench.connect()) {
				connection.erase(bench.variant, bench.flashStart(), bench.variant.flash().size(), ProgressMonitor.NONE);
			}
			assertTrue(bench.tracedSoon("MASS ERASE"));
			assertArrayEquals(erased(64), bench.flash(bench.flashStart() + 0x100, 64));
		}
	}

	/** Unaligned start and odd length: padded with 0xFF to words, verified by reading back. */
	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F030X8", "F072XB", "F103XB", "F103XE", "F407XG" })
	void programsAndVerifiesByReadingBack(Stm32Variant emulated) throws Exception {
		byte[] data = image(1001, emulated.ordinal());
		long at = TestVariants.FLASH + 0x102;
		try (Bench bench = Bench.of(emulated); Stm32Connection connection = bench.connect()) {
			connection.erase(bench.variant, at, data.length, ProgressMonitor.NONE);
			RecordingMonitor monitor = new RecordingMonitor();
			connection.write(at, data, monitor);
			assertEquals(1004, monitor.total, "0x102..0x4EA widened to 0x100..0x4EB: 1004 bytes");
			assertEquals(4, monitor.steps, "four blocks of at most 256 bytes");
			assertEquals(monitor.total, monitor.done);
			assertArrayEquals(data, bench.flash(at, data.length));
			assertArrayEquals(erased(2), bench.flash(at - 2, 2), "padding before the data is 0xFF");
			assertArrayEquals(erased(3), bench.flash(at + data.length, 3), "padding after the data is 0xFF");
			assertArrayEquals(data, connection.read(at, data.length, ProgressMonitor.NONE));
			assertTrue(bench.tracedSoon("READ 0x08000100 256 bytes"), "each block read back after it is written");
			assertFalse(connection.commands().has(Frames.GET_CHECKSUM), "these bootloaders list no Get Checksum");
		}
	}

	@Test
	void writingOverDifferentBytesWithoutEraseIsRefusedNamingTheBlock() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F103XB); Stm32Connection connection = bench.connect()) {
			byte[] first = image(512, 1);
			connection.write(TestVariants.FLASH, first, ProgressMonitor.NONE);
			connection.write(TestVariants.FLASH, first, ProgressMonitor.NONE);
			IOException e = assertThrows(IOException.class,
					() -> connection.write(TestVariants.FLASH + 0x100, image(256, 2), ProgressMonitor.NONE));
			assertEquals("writing 0x08000100..0x080001FF failed: NACK after the 256 bytes to write (3 attempts);"
					+ " 0x08000100..0x080001FF may be partly written: erase and write it again", e.getMessage());
			assertArrayEquals(first, bench.flash(TestVariants.FLASH, 512), "the flash holds the first image");
		}
	}

	@Test
	void cancellingStopsBetweenBlocks() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F030X8); Stm32Connection connection = bench.connect()) {
			byte[] data = image(1024, 3);
			assertThrows(OperationCancelledException.class,
					() -> connection.write(TestVariants.FLASH, data, new RecordingMonitor(2)));
			assertArrayEquals(Arrays.copyOf(data, 512), bench.flash(TestVariants.FLASH, 512), "two blocks written");
			assertArrayEquals(erased(512), bench.flash(TestVariants.FLASH + 512, 512), "the rest untouched");
			// an erase is one command for all its pages, so it is cancelled before it starts or not at all
			byte[] before = bench.flash(TestVariants.FLASH, 4096);
			assertThrows(OperationCancelledException.class,
					() -> connection.erase(bench.variant, TestVariants.FLASH, 4096, new RecordingMonitor(0)));
			assertArrayEquals(before, bench.flash(TestVariants.FLASH, 4096), "nothing erased");
		}
	}

	/**
	 * RDP 1 makes the chip refuse reads and writes (plain words), Readout Unprotect mass-erases and
	 * resets it, and the session goes on after each reset.
	 */
	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F030X8", "F103XB", "F407XG" })
	void protectsAndUnprotectsWithAMassEraseAndReconnects(Stm32Variant emulated) throws Exception {
		try (Bench bench = Bench.of(emulated); Stm32Connection connection = bench.connect()) {
			byte[] data = image(256, 4);
			connection.erase(bench.variant, TestVariants.FLASH, 256, ProgressMonitor.NONE);
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			connection.protect(1);
			assertTrue(bench.chip.readoutProtected());
			assertTrue(connection.isReadProtected());
			connection.protect(1);
			IOException read = assertThrows(IOException.class,
					() -> connection.read(TestVariants.FLASH, 16, ProgressMonitor.NONE));
			assertEquals("the chip is read-protected: its bootloader refuses to read 0x08000000..0x0800000F;"
					+ " unprotecting erases the whole flash, so only a job that allows it may do so; the chip is"
					+ " unchanged", read.getMessage());
			IOException write = assertThrows(IOException.class,
					() -> connection.write(TestVariants.FLASH + 0x400, data, ProgressMonitor.NONE));
			assertTrue(write.getMessage().startsWith("the chip is read-protected: its bootloader refuses to write"
					+ " 0x08000400..0x080004FF"), write.getMessage());
			assertEquals(emulated.pid, connection.identify().deviceId(), "Get ID still answers");
			assertArrayEquals(data, bench.flash(TestVariants.FLASH, 256), "protection keeps the image");

			RecordingMonitor monitor = new RecordingMonitor();
			connection.unprotect(monitor);
			assertEquals(2, monitor.done);
			assertFalse(bench.chip.readoutProtected());
			assertFalse(connection.isReadProtected());
			assertArrayEquals(erased(256), bench.flash(TestVariants.FLASH, 256), "unprotecting erased the flash");
			assertTrue(bench.tracedSoon("READOUT UNPROTECT"));
			assertTrue(bench.tracedSoon("WRITE UNPROTECT"));
			connection.write(TestVariants.FLASH, data, ProgressMonitor.NONE);
			assertArrayEquals(data, connection.read(TestVariants.FLASH, 256, ProgressMonitor.NONE));
		}
	}

	@Test
	void levelTwoIsRefusedAndLeavesTheChipAsItWas() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F407XG); Stm32Connection connection = bench.connect()) {
			IOException e = assertThrows(IOException.class, () -> connection.protect(2));
			assertEquals("readout protection level 2 locks the chip for ever (no bootloader, no debugger): this driver"
					+ " refuses it; the chip is unchanged", e.getMessage());
			assertFalse(bench.chip.readoutProtected());
			assertThrows(IOException.class, () -> connection.protect(0));
		}
	}

	/** A write-protected page NACKs its erase after the page list; unprotect clears write protection. */
	@Test
	void aWriteProtectedPageIsNamedAndUnprotectOpensIt() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F103XB)) {
			// Write Protect (0x63) of group 4 (pages 16..19) sent by hand: the driver never protects pages
			var line = bench.host.clientLine();
			Bootloader raw = new Bootloader(line, Bench.FAST);
			assertEquals(Frames.ACK, raw.syncOnce());
			line.write(Frames.command(Frames.WRITE_PROTECT));
			line.write(new byte[] { 0, 4, 4 });
			assertArrayEquals(new byte[] { Frames.ACK, Frames.ACK }, line.readExactly(2, java.time.Duration.ofSeconds(2)));
			Thread.sleep(50);
			assertEquals(1 << 4, bench.chip.writeProtection());
			try (Stm32Connection connection = bench.connect()) {
				IOException e = assertThrows(IOException.class,
						() -> connection.erase(bench.variant, 0x0800_4000L, 0x800, ProgressMonitor.NONE));
				assertEquals("page 16 (0x08004000) did not erase: NACK after the page list (3 attempts); it may be"
						+ " partly erased and the pages after it are as they were", e.getMessage());
				connection.unprotect(ProgressMonitor.NONE);
				assertEquals(0, bench.chip.writeProtection());
				connection.erase(bench.variant, 0x0800_4000L, 0x800, ProgressMonitor.NONE);
			}
		}
	}

	@Test
	void runStartsTheProgramAndEndsTheSession() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F411XE)) {
			try (Stm32Connection connection = bench.connect()) {
				connection.run(TestVariants.FLASH);
				assertTrue(bench.tracedSoon("GO 0x08000000"));
				IOException after = assertThrows(IOException.class, connection::identify);
				assertEquals("the session with the chip on 115200 Bd on emulated f411xe has ended (the chip was started"
						+ " at 0x08000000): connect again", after.getMessage());
				// the program runs: nothing answers 0x7F until the chip is reset into its bootloader again
				assertEquals(-1, new Bootloader(bench.host.clientLine(), Bench.FAST).syncOnce());
				bench.host.reset(ResetKind.RESET_PIN, java.time.Duration.ZERO);
				Stm32Connection again = bench.connect();
				assertEquals(Stm32Variant.F411XE.pid, again.identify().deviceId());
				again.run(TestVariants.FLASH);
				// a failed connect closes the port it opened, as it would a USB adapter
				IOException silent = assertThrows(IOException.class, bench::connect);
				assertEquals("no answer to 0x7F at 115200 Bd on emulated f411xe: is BOOT0 high and the chip reset?",
						silent.getMessage());
			}
		}
	}

	@Test
	void addressesOutsideFlashAreRefusedBeforeAnythingIsSent() throws Exception {
		try (Bench bench = Bench.of(Stm32Variant.F030X8); Stm32Connection connection = bench.connect()) {
			IOException e = assertThrows(IOException.class,
					() -> connection.erase(bench.variant, 0x0800_F800L, 0x1000, ProgressMonitor.NONE));
			assertEquals("0x0800F800..0x080107FF is not inside the flash of the STM32F030x8 (0x08000000..0x0800FFFF):"
					+ " nothing was erased", e.getMessage());
			IOException read = assertThrows(IOException.class,
					() -> connection.read(0x4000_0000L, 4, ProgressMonitor.NONE));
			assertEquals("reading 0x40000000..0x40000003 failed: NACK after the address (3 attempts); nothing on the"
					+ " chip changed", read.getMessage());
		}
	}
}
