package io.mintage.probe.lpcisp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mintage.core.mcu.McuVariant;
import io.mintage.core.probe.TargetConnection.TargetIdentity;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.ControlSequence;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.ResetKind;
import io.mintage.sim.lpc.LpcIspChip;

/** The driver against the emulated LPC11C24 in-process, without wire time (protocol only, fast). */
class LpcIspDriverTest {

	private static final McuVariant VARIANT = Lpc11c24Fixture.variant();

	@Test
	void identifiesReadsTheUidProgramsVerifiesAndRuns() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			LpcIspConnection c = f.connect(3);
			assertEquals(new TargetIdentity(0x71, 0x1430102BL), c.identify());
			assertTrue(f.trace.stream().anyMatch(t -> t.startsWith("LPC ISP: B 115200 1 ")), "synchronised at 9600 Bd, then B");
			assertEquals(Lpc11c24Fixture.UID_HEX.substring(6, 8) + Lpc11c24Fixture.UID_HEX.substring(4, 6),
					c.readUid(VARIANT).toString().substring(0, 4), "word 0 little-endian first");
			assertEquals(16, c.readUid(VARIANT).length());
			byte[] firmware = Lpc11c24Fixture.firmware(10_000, 1);
			c.erase(VARIANT, 0, firmware.length, ProgressMonitor.NONE);
			c.write(0, firmware, ProgressMonitor.NONE);
			byte[] expected = VectorChecksum.patched(firmware);
			assertArrayEquals(expected, c.read(0, firmware.length, ProgressMonitor.NONE));
			assertArrayEquals(expected, Arrays.copyOf(f.chip.flashContents(), firmware.length));
			assertTrue(f.chip.vectorChecksumValid());
			assertFalse(c.isReadProtected());
			c.run(0);
			f.awaitState(LpcIspChip.State.USER_CODE);
			assertEquals(LpcIspChip.State.USER_CODE, f.chip.state());
		}
	}

	@Test
	void writingOverProgrammedFlashIsCaughtByCompare() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			f.chip.load(0x1000, new byte[256]);
			LpcIspConnection c = f.connect(3);
			IOException e = assertThrows(IOException.class,
					() -> c.write(0x1000, Lpc11c24Fixture.firmware(256, 8), ProgressMonitor.NONE));
			assertTrue(e.getMessage().contains("COMPARE_ERROR (10): the flash does not hold what was written (first difference at offset"),
					e.getMessage());
		}
	}

	@Test
	void sectorZeroIsErasedFirstAndWrittenLast() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			LpcIspConnection c = f.connect(3);
			byte[] firmware = Lpc11c24Fixture.firmware(3 * 4096, 2);
			c.erase(VARIANT, 0, firmware.length, ProgressMonitor.NONE);
			c.write(0, firmware, ProgressMonitor.NONE);
			String commands = String.join("\n", f.trace.stream().filter(e -> e.startsWith("LPC ISP: E ")
					|| e.startsWith("LPC ISP: C ")).map(e -> e.substring(9, e.lastIndexOf(" @"))).toList());
			assertEquals("E 0 0\nE 1 2\nC 4096 268436224 4096\nC 8192 268436224 4096\nC 0 268436224 4096", commands);
		}
	}

	@Test
	void readProtectionIsSetInSectorZeroAndHoldsAfterReset() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			LpcIspConnection c = f.connect(3);
			byte[] firmware = Lpc11c24Fixture.firmware(8192, 3);
			c.erase(VARIANT, 0, firmware.length, ProgressMonitor.NONE);
			c.write(0, firmware, ProgressMonitor.NONE);
			c.protect(1);
			assertEquals(0, f.chip.crpLevel(), "the ROM reads the CRP word at reset");
			IOException refused = assertThrows(IOException.class, () -> c.protect(3));
			assertTrue(refused.getMessage().contains("CRP3 locks the chip for good"), refused.getMessage());

			assertTrue(VectorChecksum.isValid(f.chip.flashContents()), "the program still starts");
			assertArrayEquals(new byte[] { 0x78, 0x56, 0x34, 0x12 }, Arrays.copyOfRange(f.chip.flashContents(), 0x2FC, 0x300));

			f.host.reset(ResetKind.RESET_PIN, Duration.ZERO);
			LpcIspConnection again = f.connect(3);
			assertEquals(1, f.chip.crpLevel());
			IOException blind = assertThrows(IOException.class, () -> again.protect(2));
			assertTrue(blind.getMessage().contains("write the firmware and set the protection in the same session"),
					blind.getMessage());
			assertTrue(again.isReadProtected());
			IOException read = assertThrows(IOException.class, () -> again.read(0, 16, ProgressMonitor.NONE));
			assertTrue(read.getMessage().contains(
					"CODE_READ_PROTECTION_ENABLED (19): the chip is read-protected; unprotecting erases it"), read.getMessage());
			IOException erase = assertThrows(IOException.class, () -> again.erase(VARIANT, 0, 1, ProgressMonitor.NONE));
			assertTrue(erase.getMessage().startsWith("erasing sector 0 (0x00000000..0x00000FFF) failed"), erase.getMessage());
			assertTrue(VectorChecksum.isValid(f.chip.flashContents()), "the refused erase left the program in place");

			again.unprotect(ProgressMonitor.NONE);
			f.host.reset(ResetKind.RESET_PIN, Duration.ZERO);
			LpcIspConnection open = f.connect(3);
			assertFalse(open.isReadProtected());
			byte[] blank = new byte[32768];
			Arrays.fill(blank, (byte) 0xFF);
			assertArrayEquals(blank, f.chip.flashContents());
		}
	}

	@Test
	void cancellingStopsBetweenBlocksBeforeSectorZero() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			LpcIspConnection c = f.connect(3);
			byte[] firmware = Lpc11c24Fixture.firmware(3 * 4096, 7);
			c.erase(VARIANT, 0, firmware.length, ProgressMonitor.NONE);
			long[] done = { 0 };
			ProgressMonitor stopAfterOneBlock = new ProgressMonitor() {
				@Override
				public void begin(String task, long totalWork) {
					assertEquals("writing 0x00000000..0x00002FFF", task);
				}

				@Override
				public void worked(long work) {
					done[0] += work;
				}

				@Override
				public boolean isCancelled() {
					return done[0] >= 4096;
				}
			};
			assertThrows(OperationCancelledException.class, () -> c.write(0, firmware, stopAfterOneBlock));
			assertEquals(4096, done[0]);
			byte[] flash = f.chip.flashContents();
			assertArrayEquals(Arrays.copyOfRange(firmware, 4096, 8192), Arrays.copyOfRange(flash, 4096, 8192));
			assertEquals((byte) 0xFF, flash[0], "sector 0 comes last, so it is still blank");
			assertFalse(f.chip.vectorChecksumValid());
		}
	}

	@Test
	void aSecondSessionFindsTheChipSynchronisedAlready() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			f.connect(3);
			LpcIspConnection second = f.connect(3);
			assertEquals(0x1430102BL, second.identify().deviceId());
		}
	}

	@Test
	void silenceIsReportedInPlainWords() throws Exception {
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.none())) {
			f.chip.load(0, VectorChecksum.patched(Lpc11c24Fixture.firmware(64, 4)));
			f.chip.setIspPinLow(false);
			f.host.reset(ResetKind.RESET_PIN, Duration.ZERO);
			f.awaitState(LpcIspChip.State.USER_CODE);
			IOException e = assertThrows(IOException.class, () -> f.connect(1));
			assertTrue(e.getMessage().contains("no LPC boot ROM answered '?'") && e.getMessage().contains("PIO0_1 low"),
					e.getMessage());
		}
	}

	// --- faults: each kind once without retries (a plain-words failure, the chip in a known state), once
	// with the driver's retries (the job completes) ---

	/** Runs erase + write of 3 sectors with the fault placed at the first copy into sector 1. */
	private static void programWith(String fault, int attempts, Outcome outcome) throws Exception {
		long at;
		try (Lpc11c24Fixture dry = Lpc11c24Fixture.fast(FaultPlan.none())) {
			program(dry.connect(3), Lpc11c24Fixture.firmware(3 * 4096, 5));
			at = dry.byteOfCommand("C 4096 ");
		}
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.parse(fault.replace("K", Long.toString(at))))) {
			LpcIspConnection c = f.connect(attempts);
			byte[] firmware = Lpc11c24Fixture.firmware(3 * 4096, 5);
			try {
				program(c, firmware);
				outcome.completed(f, c, firmware);
			} catch (IOException e) {
				outcome.failed(f, e, firmware);
			}
		}
	}

	private static void program(LpcIspConnection c, byte[] firmware) throws IOException, OperationCancelledException {
		c.erase(VARIANT, 0, firmware.length, ProgressMonitor.NONE);
		c.write(0, firmware, ProgressMonitor.NONE);
	}

	private interface Outcome {
		default void completed(Lpc11c24Fixture f, LpcIspConnection c, byte[] firmware) throws Exception {
			throw new AssertionError("the write completed although the fault should have stopped it");
		}

		default void failed(Lpc11c24Fixture f, IOException e, byte[] firmware) throws Exception {
			throw new AssertionError("the write failed although retries should have cured the fault", e);
		}
	}

	/** Without retries: the message names the block, the sector and the chip's state; sector 1 is not written, sector 0 neither. */
	private static final Outcome STOPS_IN_KNOWN_STATE = new Outcome() {
		@Override
		public void failed(Lpc11c24Fixture f, IOException e, byte[] firmware) throws Exception {
			String m = e.getMessage();
			System.out.println("stopped as expected: " + m);
			assertTrue(m.startsWith("writing 0x00001000..0x00001FFF in sector 1 (0x00001000..0x00001FFF) failed"), m);
			assertTrue(m.contains("sector 0 (the vector table) is not written yet, so the chip stays in its bootloader; erase and write again; "), m);
			assertFalse(f.chip.vectorChecksumValid(), "an interrupted write must not leave a valid-looking image");
		}
	};

	/** Stops as {@link #STOPS_IN_KNOWN_STATE} says, with {@code fragment} in the message. */
	private static Outcome stopsInKnownStateSaying(String fragment) {
		return new Outcome() {
			@Override
			public void failed(Lpc11c24Fixture f, IOException e, byte[] firmware) throws Exception {
				STOPS_IN_KNOWN_STATE.failed(f, e, firmware);
				assertTrue(e.getMessage().contains(fragment), e.getMessage());
			}
		};
	}

	private static final Outcome COMPLETES = new Outcome() {
		@Override
		public void completed(Lpc11c24Fixture f, LpcIspConnection c, byte[] firmware) throws Exception {
			assertArrayEquals(VectorChecksum.patched(firmware), Arrays.copyOf(f.chip.flashContents(), firmware.length));
			assertTrue(f.trace.stream().anyMatch(t -> t.startsWith("fault: ")), "the fault happened: " + f.trace);
		}
	};

	@Test
	void aDroppedByteInACommandCancelsItUnrun() throws Exception {
		programWith("drop@K", 1,
				stopsInKnownStateSaying("the chip echoed only ' 4096 268436224 4096' of 'C 4096 268436224 4096'"));
		programWith("drop@K", 3, COMPLETES);
	}

	@Test
	void aCorruptedByteInACommandCancelsItUnrun() throws Exception {
		programWith("corrupt@K", 1,
				stopsInKnownStateSaying("the chip heard 'B 4096 268436224 4096' for 'C 4096 268436224 4096'"));
		programWith("corrupt@K", 3, COMPLETES);
	}

	@Test
	void aDamagedDataByteIsSentAgainOnRESEND() throws Exception {
		// bytes 2000 and 3000 lie inside the UU data of Write to RAM: the checksum catches them, even without retries
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.parse("corrupt@2000,drop@3000"))) {
			LpcIspConnection c = f.connect(1);
			byte[] firmware = Lpc11c24Fixture.firmware(3 * 4096, 6);
			program(c, firmware);
			assertArrayEquals(VectorChecksum.patched(firmware), Arrays.copyOf(f.chip.flashContents(), firmware.length));
			assertTrue(f.trace.stream().anyMatch(t -> t.contains("RESEND")), f.trace.toString());
		}
	}

	@Test
	void theUuDataRunsAheadOfItsEchoByAFewLinesAtMost() throws Exception {
		// the data lines are pipelined (no wait for each line's echo), but a chip that stops taking
		// characters in the middle of Write to RAM (here for 300 ms) is not sent more than the window
		byte[] firmware = Lpc11c24Fixture.firmware(3 * 4096, 9);
		long at;
		try (Lpc11c24Fixture dry = Lpc11c24Fixture.fast(FaultPlan.none())) {
			program(dry.connect(3), firmware);
			at = dry.byteOfCommand("W ") + 700;
		}
		try (Lpc11c24Fixture f = Lpc11c24Fixture.fast(FaultPlan.parse("stall@" + at + ":300"))) {
			CountingLine line = new CountingLine(f.host.clientLine());
			LpcIspConnection c = LpcIspDriver.open(line, 115200, 12000, null, 1, ProgressMonitor.NONE);
			program(c, firmware);
			assertArrayEquals(VectorChecksum.patched(firmware), Arrays.copyOf(f.chip.flashContents(), firmware.length));
			assertTrue(f.trace.stream().anyMatch(t -> t.startsWith("fault: stall")), f.trace.toString());
			int window = (IspChannel.WINDOW + 1) * 63 + 12;
			assertTrue(line.mostWrittenWithoutAnswer <= window, "the host sent " + line.mostWrittenWithoutAnswer
					+ " bytes without hearing anything back; the window allows " + window);
			assertTrue(line.mostWrittenWithoutAnswer > 2 * 63, "the lines are pipelined: " + line.mostWrittenWithoutAnswer);
		}
	}

	/** The client end, counting the most bytes written between two reads that brought something. */
	private static final class CountingLine implements SerialLine {
		private final SerialLine line;
		private int writtenSinceAnswer;
		int mostWrittenWithoutAnswer;

		CountingLine(SerialLine line) {
			this.line = line;
		}

		@Override
		public String name() {
			return line.name();
		}

		@Override
		public SerialSettings settings() {
			return line.settings();
		}

		@Override
		public void write(byte[] data, int offset, int length) throws IOException {
			writtenSinceAnswer += length;
			mostWrittenWithoutAnswer = Math.max(mostWrittenWithoutAnswer, writtenSinceAnswer);
			line.write(data, offset, length);
		}

		@Override
		public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
			int n = line.read(buffer, offset, length, timeout);
			if (n > 0) {
				writtenSinceAnswer = 0;
			}
			return n;
		}

		@Override
		public void discardInput() throws IOException {
			line.discardInput();
		}

		@Override
		public void setBaudRate(int baudRate) throws IOException {
			line.setBaudRate(baudRate);
		}

		@Override
		public void control(ControlSequence sequence) throws IOException {
			line.control(sequence);
		}

		@Override
		public void close() throws IOException {
			line.close();
		}
	}

	@Test
	void anErrorCodeIsNamed() throws Exception {
		programWith("nack@K", 1, new Outcome() {
			@Override
			public void failed(Lpc11c24Fixture f, IOException e, byte[] firmware) throws Exception {
				STOPS_IN_KNOWN_STATE.failed(f, e, firmware);
				assertTrue(e.getMessage().contains("with BUSY (11): the flash programming interface is busy"), e.getMessage());
				assertTrue(e.getMessage().endsWith("the chip still answers as a synchronised ISP"), e.getMessage());
			}
		});
		programWith("nack@K", 3, COMPLETES);
	}

	@Test
	void aStallBeyondTheAnswerTimeIsNamed() throws Exception {
		programWith("stall@K:1200", 1,
				stopsInKnownStateSaying("the chip echoed only '' of 'C 4096 268436224 4096' within"));
		programWith("stall@K:1200", 3, COMPLETES);
	}

	@Test
	void afterAPowerLossTheChipIsSynchronisedAgainAndTheWriteCompletes() throws Exception {
		programWith("powerloss@K", 1, new Outcome() {
			@Override
			public void failed(Lpc11c24Fixture f, IOException e, byte[] firmware) throws Exception {
				STOPS_IN_KNOWN_STATE.failed(f, e, firmware);
				assertTrue(e.getMessage().endsWith("the chip had reset or lost power (RAM and unlock were lost); it is synchronised again"),
						e.getMessage());
				// the operator's retry: a new session writes what is missing
				assertEquals(LpcIspChip.State.COMMANDS, f.chip.state());
				LpcIspConnection again = f.connect(1);
				program(again, firmware);
				assertArrayEquals(VectorChecksum.patched(firmware), Arrays.copyOf(f.chip.flashContents(), firmware.length));
			}
		});
		programWith("powerloss@K", 3, new Outcome() {
			@Override
			public void completed(Lpc11c24Fixture f, LpcIspConnection c, byte[] firmware) throws Exception {
				COMPLETES.completed(f, c, firmware);
				assertEquals(1, c.resynchronisations());
			}
		});
	}
}
