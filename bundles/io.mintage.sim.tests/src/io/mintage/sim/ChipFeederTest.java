package io.mintage.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.lpc.LpcEmulatorFactory;
import io.mintage.sim.lpc.LpcIspChip;
import io.mintage.sim.stm32.Stm32EmulatorFactory;

/**
 * Chips fed one after another on one line, with the real STM32F103 and LPC11C24 emulators: a client
 * that syncs, reads the UID and starts the program finds, after the swap, a different chip answering
 * on the same line; after the count the line stays silent; stm32flash programs two chips in a row.
 */
class ChipFeederTest {

	private static final int ACK = 0x79;
	private static final int NACK = 0x1F;
	private static final long F1_UID_ADDRESS = 0x1FFF_F7E8L;
	private static final Duration ANSWER = Duration.ofSeconds(2);
	/** Far longer than any swap here: waits for what must happen, never for what must not. */
	private static final Duration EVENTUALLY = Duration.ofSeconds(10);
	private static final byte[] FIRST_STM32_UID = HexFormat.of().parseHex("2b00470000000000000000ff");
	private static final byte[] FIRST_LPC_UID = HexFormat.of().parseHex("0a0f1a274d3f5b8c514e2a36f50000ff");

	@TempDir
	Path folder;

	private static HostOptions stm32Wire() {
		return HostOptions.of(SerialSettings.evenParity(115200));
	}

	private static FeedPlan f103() {
		return FeedPlan.of("stm32f1").withVariant("f103xb").withFirstUid(FIRST_STM32_UID).withFlashTimeScale(0.01)
				.withSwapDelay(Duration.ofMillis(50));
	}

	private static ChipFeeder stm32InMemory(FeedPlan plan) {
		return ChipFeeder.inMemory(new Stm32EmulatorFactory(), plan, stm32Wire().withoutWireTime(), ChipFeeder.Events.NONE);
	}

	// ---- an AN3155 client, just enough of it ----

	private static void expectAck(SerialLine line, String what) throws IOException {
		int answer = line.readExactly(1, ANSWER)[0] & 0xFF;
		assertEquals(ACK, answer, what + ": 0x" + Integer.toHexString(answer) + " instead of ACK");
	}

	private static void sync(SerialLine line) throws IOException {
		line.write((byte) 0x7F);
		expectAck(line, "sync");
	}

	private static void command(SerialLine line, int code) throws IOException {
		line.write((byte) code, (byte) ~code);
	}

	private static void address(SerialLine line, long address) throws IOException {
		byte[] a = { (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address };
		line.write(a[0], a[1], a[2], a[3], (byte) (a[0] ^ a[1] ^ a[2] ^ a[3]));
	}

	private static byte[] readUid(SerialLine line) throws IOException {
		command(line, 0x11);
		expectAck(line, "Read Memory");
		address(line, F1_UID_ADDRESS);
		expectAck(line, "the UID's address");
		line.write((byte) 11, (byte) ~11);
		expectAck(line, "12 bytes");
		return line.readExactly(12, ANSWER);
	}

	private static void go(SerialLine line) throws IOException {
		command(line, 0x21);
		expectAck(line, "Go");
		address(line, 0x0800_0000L);
		expectAck(line, "Go's address");
	}

	/** Nothing comes back within the time, far longer than a chip takes to answer. */
	private static void assertSilent(SerialLine line, Duration time, String why) throws IOException {
		byte[] buffer = new byte[16];
		assertEquals(0, line.read(buffer, 0, buffer.length, time), why);
	}

	@Test
	void afterGoTheNextChipAnswersWithTheNextUid() throws Exception {
		try (ChipFeeder feeder = stm32InMemory(f103())) {
			SerialLine line = feeder.host().clientLine();
			sync(line);
			assertArrayEquals(FIRST_STM32_UID, readUid(line));
			go(line);
			assertTrue(feeder.awaitFed(2, EVENTUALLY), "no second chip: " + feeder);
			sync(line);
			byte[] second = readUid(line);
			assertArrayEquals(HexFormat.of().parseHex("2b0047000000000000000100"), second, "the UID counts up, carry included");
			assertArrayEquals(ChipFeeder.uidAfter(FIRST_STM32_UID), second);

			List<EmulatedChip> fed = feeder.fed();
			assertEquals(2, fed.size());
			assertArrayEquals(FIRST_STM32_UID, fed.get(0).uid());
			assertArrayEquals(second, fed.get(1).uid());
			assertEquals(1, feeder.doneCount());
			assertSame(fed.get(1), feeder.host().chip(), "the host serves the chip put in last");
			assertTrue(feeder.host().failure().isEmpty(), () -> feeder.host().failure().get().toString());
		}
	}

	@Test
	void theLineIsSilentWhileTheChipIsSwapped() throws Exception {
		try (ChipFeeder feeder = stm32InMemory(f103().withSwapDelay(Duration.ofMillis(1500)))) {
			SerialLine line = feeder.host().clientLine();
			sync(line);
			go(line);
			line.write((byte) 0x7F);
			assertSilent(line, Duration.ofMillis(300), "nobody answers while the fixture is empty");
			assertTrue(feeder.awaitFed(2, EVENTUALLY));
			sync(line);
			assertSilent(line, Duration.ofMillis(100), "the sync sent into the empty fixture was lost, not answered late");
		}
	}

	@Test
	void afterTheCountTheLineStaysSilent() throws Exception {
		try (ChipFeeder feeder = stm32InMemory(f103().withCount(2))) {
			SerialLine line = feeder.host().clientLine();
			sync(line);
			go(line);
			assertTrue(feeder.awaitFed(2, EVENTUALLY));
			sync(line);
			go(line);
			assertTrue(feeder.awaitDone(2, EVENTUALLY));
			line.write((byte) 0x7F);
			// ten swap delays: a third chip would have answered long since
			assertSilent(line, Duration.ofMillis(500), "the fixture stays empty after two chips");
			assertEquals(2, feeder.fed().size());
			assertFalse(feeder.awaitFed(3, Duration.ofMillis(50)));
			assertTrue(feeder.host().isRunning(), "an empty fixture is a silent line, not a stopped one");
			assertTrue(feeder.host().failure().isEmpty(), () -> feeder.host().failure().get().toString());
		}
	}

	@Test
	void readoutProtectThenItsResetBringsTheNextChip() throws Exception {
		List<String> trace = new CopyOnWriteArrayList<>();
		try (ChipFeeder feeder = ChipFeeder.inMemory(new Stm32EmulatorFactory(), f103(),
				stm32Wire().withoutWireTime().withTrace(trace::add), ChipFeeder.Events.NONE)) {
			SerialLine line = feeder.host().clientLine();
			sync(line);
			byte[] first = readUid(line);
			command(line, 0x82);
			expectAck(line, "Readout Protect");
			expectAck(line, "Readout Protect's option bytes written");
			assertTrue(feeder.awaitFed(2, EVENTUALLY), "the protected chip was not taken out: " + trace);
			sync(line);
			assertArrayEquals(ChipFeeder.uidAfter(first), readUid(line), "a new, unprotected chip reads");

			List<EmulatedChip> fed = feeder.fed();
			assertTrue(fed.get(0).readoutProtected(), "the first chip keeps its protection");
			assertFalse(fed.get(1).readoutProtected(), "the next chip is blank");
			int protect = indexOf(trace, "READOUT PROTECT");
			int reset = indexOf(trace, "reset: the chip reset itself");
			int out = indexOf(trace, "taken out");
			assertTrue(protect >= 0 && protect < reset && reset < out,
					"protected, reset itself, then taken out: " + trace);
		}
	}

	private static int indexOf(List<String> trace, String text) {
		for (int i = 0; i < trace.size(); i++) {
			if (trace.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void eachChipMeetsItsOwnFaultsFromItsFirstByte() throws Exception {
		// nack@0: the first command answer after the chip's first byte is a refusal; chip 2 only
		FeedPlan plan = f103().withFaultsPerChip(n -> n == 2 ? FaultPlan.parse("nack@0") : FaultPlan.none());
		try (ChipFeeder feeder = stm32InMemory(plan)) {
			SerialLine line = feeder.host().clientLine();
			for (int chip = 1; chip <= 3; chip++) {
				sync(line);
				command(line, 0x01);
				int answer = line.readExactly(1, ANSWER)[0] & 0xFF;
				assertEquals(chip == 2 ? NACK : ACK, answer, "Get Version of chip " + chip);
				if (answer == ACK) {
					line.readExactly(4, ANSWER);
				}
				go(line);
				assertTrue(feeder.awaitFed(chip + 1, EVENTUALLY));
			}
		}
	}

	@Test
	void aChipPulledMidwayIsDoneAndTheNextComes() throws Exception {
		// chip 1 is taken out as its fifth byte arrives: after the sync (byte 0) and Get Version (1, 2),
		// the second byte of a Read Memory command; that goes unanswered and chip 2 answers later
		FeedPlan plan = f103().withFaultsPerChip(n -> n == 1 ? FaultPlan.parse("pull@4") : FaultPlan.none());
		try (ChipFeeder feeder = stm32InMemory(plan)) {
			SerialLine line = feeder.host().clientLine();
			sync(line);
			command(line, 0x01);
			expectAck(line, "Get Version");
			line.readExactly(4, ANSWER);
			line.write(new byte[] { 0x11, (byte) 0xEE });
			assertTrue(feeder.awaitDone(1, EVENTUALLY), "the pulled chip counts as done: " + feeder);
			assertTrue(feeder.awaitFed(2, EVENTUALLY), "no chip after the pulled one: " + feeder);
			sync(line);
			assertArrayEquals(ChipFeeder.uidAfter(FIRST_STM32_UID), readUid(line), "the next chip answers");
			assertEquals(2, feeder.fed().size());
		}
		assertEquals("pull@2500", FaultPlan.parse("pull@2500").toString());
		assertEquals("pull@2500:6000", FaultPlan.parse("pull@2500:6000").toString());
	}

	@Test
	void lpcChipsComeOneAfterAnotherOnG() throws Exception {
		FeedPlan plan = FeedPlan.of("lpc11c24").withFirstUid(FIRST_LPC_UID).withFlashTimeScale(0.01)
				.withSwapDelay(Duration.ofMillis(50));
		try (ChipFeeder feeder = ChipFeeder.inMemory(new LpcEmulatorFactory(), plan,
				HostOptions.of(SerialSettings.noParity(115200)).withoutWireTime(), ChipFeeder.Events.NONE)) {
			SerialLine line = feeder.host().clientLine();
			byte[] expected = FIRST_LPC_UID;
			for (int chip = 1; chip <= 2; chip++) {
				assertEquals("Synchronized\r\n", say(line, "?"));
				assertEquals("Synchronized\r\nOK\r\n", say(line, "Synchronized\r\n"));
				assertEquals("12000\r\nOK\r\n", say(line, "12000\r\n"));
				int[] words = LpcIspChip.uidWords(expected);
				assertEquals("N\r\n0\r\n" + Integer.toUnsignedString(words[0]) + "\r\n" + Integer.toUnsignedString(words[1])
						+ "\r\n" + Integer.toUnsignedString(words[2]) + "\r\n" + Integer.toUnsignedString(words[3]) + "\r\n",
						say(line, "N\r\n"), "the UID of chip " + chip);
				assertEquals("U 23130\r\n0\r\n", say(line, "U 23130\r\n"));
				assertEquals("G 0 T\r\n0\r\n", say(line, "G 0 T\r\n"));
				assertTrue(feeder.awaitFed(chip + 1, EVENTUALLY), "no chip after " + chip + ": " + feeder);
				expected = ChipFeeder.uidAfter(expected);
			}
			List<EmulatedChip> fed = feeder.fed();
			assertArrayEquals(FIRST_LPC_UID, fed.get(0).uid());
			assertArrayEquals(ChipFeeder.uidAfter(FIRST_LPC_UID), fed.get(1).uid());
			assertEquals(LpcIspChip.State.USER_CODE, ((LpcIspChip) fed.get(0)).state(), "chip 1 runs its program");
			assertEquals(2, feeder.doneCount());
		}
	}

	/** Sends text, returns what came back until the line was quiet for 100 ms. */
	private static String say(SerialLine line, String text) throws IOException {
		line.write(text.getBytes(StandardCharsets.ISO_8859_1));
		StringBuilder answer = new StringBuilder();
		byte[] buffer = new byte[512];
		int n;
		while ((n = line.read(buffer, 0, buffer.length, Duration.ofMillis(100))) > 0) {
			answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
		}
		return answer.toString();
	}

	// ---- on a pty ----

	private SerialPorts ports() throws InterruptedException {
		BundleContext context = FrameworkUtil.getBundle(ChipFeederTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> tracker = new ServiceTracker<>(context, SerialPorts.class, null);
		tracker.open();
		SerialPorts ports = tracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s");
		return ports;
	}

	@Test
	void theClientsPtyStaysOpenAcrossSwaps() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		ChipFeeder.Events report = new ChipFeeder.Events() {
			@Override
			public void fed(int number, EmulatedChip chip) {
				events.add("fed " + number + " " + HexFormat.of().formatHex(chip.uid()));
			}

			@Override
			public void done(int number, EmulatedChip chip, String why) {
				events.add("done " + number + ": " + why);
			}
		};
		SerialPorts ports = ports();
		try (ChipFeeder feeder = ChipFeeder.onPty(new Stm32EmulatorFactory(), f103().withCount(3),
				folder.resolve("site1"), ports, stm32Wire(), report)) {
			SerialLine line = ports.open(feeder.host().clientPath().toString(), SerialSettings.noParity(115200));
			try {
				List<String> uids = new ArrayList<>();
				for (int chip = 1; chip <= 3; chip++) {
					assertTrue(feeder.awaitFed(chip, EVENTUALLY), "chip " + chip + " was not fed: " + events);
					sync(line);
					uids.add(HexFormat.of().formatHex(readUid(line)));
					go(line);
					assertTrue(feeder.awaitDone(chip, EVENTUALLY));
				}
				assertEquals(List.of("2b00470000000000000000ff", "2b0047000000000000000100", "2b0047000000000000000101"),
						uids, "three chips, read through the one line opened once");
				line.write((byte) 0x7F);
				assertSilent(line, Duration.ofMillis(500), "no fourth chip");
			} finally {
				line.close();
			}
			assertEquals(List.of("fed 1 2b00470000000000000000ff", "done 1: Go 0x08000000 accepted",
					"fed 2 2b0047000000000000000100", "done 2: Go 0x08000000 accepted", "fed 3 2b0047000000000000000101",
					"done 3: Go 0x08000000 accepted"), events);
			assertTrue(feeder.host().failure().isEmpty(), () -> feeder.host().failure().get().toString());
		}
		assertFalse(Files.exists(folder.resolve("site1")), "the link goes away with the feeder");
	}

	@Test
	void stm32flashProgramsTwoDistinctChipsInARow() throws Exception {
		try (ChipFeeder feeder = ChipFeeder.onPty(new Stm32EmulatorFactory(), f103(), folder.resolve("site1"),
				ports(), stm32Wire(), ChipFeeder.Events.NONE)) {
			Path link = feeder.host().clientPath();
			List<byte[]> images = new ArrayList<>();
			for (int chip = 1; chip <= 2; chip++) {
				assertTrue(feeder.awaitFed(chip, EVENTUALLY), "chip " + chip + " was not fed: " + feeder);
				byte[] image = new byte[1024];
				new Random(chip).nextBytes(image);
				images.add(image);
				Path file = folder.resolve("fw" + chip + ".bin");
				Files.write(file, image);
				String output = stm32flash(link, "-w", file.toString(), "-g", "0x08000000");
				assertTrue(feeder.awaitDone(chip, EVENTUALLY), "chip " + chip + " did not leave its bootloader:\n" + output);
			}
			assertTrue(feeder.awaitFed(3, EVENTUALLY), "a third chip waits after the second");
			List<EmulatedChip> fed = feeder.fed();
			assertFalse(Arrays.equals(fed.get(0).uid(), fed.get(1).uid()), "two distinct chips");
			for (int chip = 0; chip < 2; chip++) {
				assertArrayEquals(images.get(chip), Arrays.copyOf(fed.get(chip).flashContents(), 1024),
						"chip " + (chip + 1) + " holds its own image");
			}
			assertTrue(isBlank(fed.get(2).flashContents()), "chip 3 is blank");
		}
	}

	/** stm32flash on the link; fails the test unless it exits 0. */
	private static String stm32flash(Path link, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("stm32flash", "-m", "8n1", "-b", "115200"));
		command.addAll(Arrays.asList(options));
		command.add(link.toString());
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
		} catch (IOException e) {
			throw new AssertionError("stm32flash is missing: './mintage test' installs it (apt-get install stm32flash)", e);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stm32flash did not finish");
		assertEquals(0, process.exitValue(), output);
		return output;
	}

	private static boolean isBlank(byte[] flash) {
		for (byte b : flash) {
			if (b != (byte) 0xFF) {
				return false;
			}
		}
		return true;
	}

	@Test
	void uidsCountUpAsOneBigEndianNumber() {
		assertArrayEquals(new byte[] { 0, 1 }, ChipFeeder.uidAfter(new byte[] { 0, 0 }));
		assertArrayEquals(new byte[] { 1, 0 }, ChipFeeder.uidAfter(new byte[] { 0, (byte) 0xFF }));
		assertArrayEquals(new byte[] { 0, 0 }, ChipFeeder.uidAfter(new byte[] { (byte) 0xFF, (byte) 0xFF }));
	}
}
