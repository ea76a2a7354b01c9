package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import io.mintage.serial.internal.JSerialCommPorts;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32EmulatorFactory;

/**
 * Crash safety of the station, proven on the built product. A station set up through the products'
 * own commands programs eight emulated STM32F103xB chips fed one after another on one pty (wire time
 * at 115200 Bd, so each step takes measurable time) with {@code mintage station program --continuous
 * --json}, and the test kills that process with SIGKILL again and again: on the line announcing each
 * pipeline step (authorize, erase, program, record, verify, protect, complete) after a random 0–30 ms,
 * and while the site identifies a device (on the waiting line, right after a device line); then it
 * starts the station again, with no reset line: the chip is as the kill left it, perhaps in the middle
 * of a frame. A last run without kills ends with
 * SIGTERM once every chip has left its bootloader, which lets the device in work finish.
 *
 * <p>Then the station's {@code verify-ledger} finds the chain intact; exactly 8 serials are used,
 * however many attempts there were (8 authorizations, 8 UIDs, serials 1000 to 1007); every chip holds
 * the firmware and, in its last page, byte for byte the record its ledger entry holds (no signed record
 * without a ledger entry), and is read-protected; and every device that failed was finished by a later
 * attempt.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StationCrashTest {

	private static final int CHIPS = 8;
	private static final long FIRST_SERIAL = 1000;
	/** The kill delays come from this seed, so a failing run can be repeated exactly. */
	private static final long SEED = 0x5A1E_C4A5L;
	private static final int MAX_KILL_DELAY_MS = 30;
	/** The F103xB's last 1 KiB page, where the family puts the record by default. */
	private static final int RECORD_OFFSET = 127 * 1024;
	private static final int RECORD_BYTES = 304;
	private static final byte[] FIRST_UID = HexFormat.of().parseHex("3c0047000e51363236310000");
	/** Upper-case hex, as the ledger writes UIDs. */
	private static final HexFormat HEX = HexFormat.of().withUpperCase();
	/** Longest a run may take to reach the line it is killed on. */
	private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

	/** Where a run is killed: the step counted in the summary, and the line that sets the kill off. */
	private record KillPoint(String step, String when, Predicate<String> line) {

		/** On the line announcing that the site starts the step {@code id}. */
		static KillPoint onStep(String id) {
			return new KillPoint(id, "on its step line", line -> "site".equals(field(line, "type"))
					&& "working".equals(field(line, "phase")) && id.equals(field(line, "step")));
		}

		/** While the site connects to the device in the fixture and identifies it, at the run's start. */
		static KillPoint onWaitingLine() {
			return new KillPoint("identify", "on the waiting line",
					line -> "site".equals(field(line, "type")) && "waiting".equals(field(line, "phase")));
		}

		/** While the site identifies the device it has just passed (it polls the fixture until the chip goes). */
		static KillPoint afterDeviceLine() {
			return new KillPoint("identify", "right after a device line", line -> "device".equals(field(line, "type")));
		}
	}

	/** Every step at least once, the steps twice: 16 kills. */
	private static final List<KillPoint> SCHEDULE = List.of(KillPoint.onWaitingLine(), KillPoint.onStep("authorize"),
			KillPoint.onStep("erase"), KillPoint.onStep("program"), KillPoint.onStep("record"), KillPoint.onStep("verify"),
			KillPoint.onStep("protect"), KillPoint.onStep("complete"), KillPoint.afterDeviceLine(),
			KillPoint.onStep("authorize"), KillPoint.onStep("erase"), KillPoint.onStep("program"),
			KillPoint.onStep("record"), KillPoint.onStep("verify"), KillPoint.onStep("protect"),
			KillPoint.onStep("complete"));

	/** One row of the ledger's events table. */
	private record Event(long sequence, String type, String uid, Long serial, byte[] record) {
	}

	@TempDir
	Path work;

	@BeforeAll
	static void privateSqliteFolder() throws IOException {
		String folder = System.getProperty("org.sqlite.tmpdir");
		assertTrue(folder != null && !folder.isBlank(), "org.sqlite.tmpdir is not set: run through Maven");
		Files.createDirectories(Path.of(folder));
		Files.setPosixFilePermissions(Path.of(folder), PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void killedAtEveryStepTheStationCountsEachDeviceOnceAndFinishesIt() throws Exception {
		long began = System.nanoTime();
		EnrolledStation line = EnrolledStation.setUp(work);
		Product station = line.station;
		Path factory = line.factory;
		Map<String, String> stationEnv = line.stationEnv;
		byte[] firmware = new byte[3 * 1024 + 20];
		new Random(SEED).nextBytes(firmware);
		writeHex(work.resolve("sensor.hex"), 0x0800_0000L, firmware);
		line.issueAndAccept("sensor.mjob", "--product", "4242", "--product-name", "Sensor", "--family", "stm32f1",
				"--firmware", "sensor.hex", "--firmware-version", "3.0.0", "--protect", "protected", "--allow-unprotect",
				"--count", "20", "--serial-start", Long.toString(FIRST_SERIAL), "--valid-until",
				EnrolledStation.inDays(30));
		long setUp = System.nanoTime();

		Stm32EmulatorFactory stm32 = new Stm32EmulatorFactory();
		FeedPlan plan = FeedPlan.of("stm32f1").withVariant("f103xb").withCount(CHIPS).withFirstUid(FIRST_UID)
				.withSwapDelay(Duration.ofMillis(50)).withFlashTimeScale(0.05);
		Random random = new Random(SEED);
		Map<String, Integer> killsPerStep = new LinkedHashMap<>();
		Set<String> inWorkAtAKill = new HashSet<>();
		List<String> allLines = new ArrayList<>();
		List<EmulatedChip> chips;
		try (ChipFeeder feeder = ChipFeeder.onPty(stm32, plan, work.resolve("site1"), new JSerialCommPorts(),
				HostOptions.of(stm32.wire(115_200)), ChipFeeder.Events.NONE)) {
			String[] program = { "program", "--site", "stm32uart:" + feeder.host().clientPath() + "?baud=115200",
					"--continuous", "--json", "--poll-ms", "50" };
			int runs = 0;
			for (KillPoint point : SCHEDULE) {
				awaitSettledFixture(feeder);
				try (StationRun run = new StationRun(station, factory, work, stationEnv, ++runs, program)) {
					run.await(point.step() + " " + point.when(), point.line(), RUN_LIMIT);
					Thread.sleep(random.nextInt(MAX_KILL_DELAY_MS + 1));
					// no reset line (a pty carries none): a chip the kill left in the middle of a frame is
					// found again by the next run's connect, as on a fixture with BOOT0 tied high
					run.kill();
					allLines.addAll(run.lines());
					run.uidInWork().ifPresent(inWorkAtAKill::add);
				}
				killsPerStep.merge(point.step(), 1, Integer::sum);
			}

			// the last run is not killed: SIGTERM once every chip has left its bootloader (protected, the
			// chip's last act), which lets the device in work be completed in the ledger
			awaitSettledFixture(feeder);
			try (StationRun last = new StationRun(station, factory, work, stationEnv, ++runs, program)) {
				assertTrue(feeder.awaitDone(CHIPS, Duration.ofSeconds(60)),
						"not every chip was finished within 60 s: " + feeder + "\n" + last);
				last.terminate();
				allLines.addAll(last.lines());
				assertTrue(last.lines().stream().anyMatch(l -> "summary".equals(field(l, "type"))),
						"SIGTERM let the run end cleanly with its summary: " + last);
				assertTrue(last.lines().stream().noneMatch(l -> "fail".equals(field(l, "result"))),
						"SIGTERM let the device in work finish rather than fail: " + last);
			}
			assertTrue(feeder.host().failure().isEmpty(), "the emulated fixture failed: " + feeder.host().failure());
			chips = feeder.fed();
		}
		long ran = System.nanoTime();

		Product.Result verified = station.run(factory, work, stationEnv, "verify-ledger");
		ok(verified);
		Product.Result status = station.run(factory, work, stationEnv, "status", "--json");
		ok(status);
		assertTrue(status.out().replace(" ", "").contains("\"used\":" + CHIPS + ",\"left\":" + (20 - CHIPS)),
				"exactly the 8 chips are counted, however many attempts: " + status);

		List<Event> events = events(factory.resolve("station").resolve("ledger.db"));
		List<Event> authorizations = ofType(events, "device-authorized");
		assertEquals(CHIPS, authorizations.size(), "one authorization per chip: " + authorizations);
		Map<String, Event> authorized = new HashMap<>();
		authorizations.forEach(a -> authorized.put(a.uid(), a));
		assertEquals(CHIPS, authorized.size(), "8 distinct UIDs: " + authorizations);
		assertEquals(LongStream.range(FIRST_SERIAL, FIRST_SERIAL + CHIPS).boxed().toList(),
				authorizations.stream().map(Event::serial).sorted().toList(), "the serials, dense, each once");

		assertEquals(CHIPS, chips.size(), "the fixture fed exactly the 8 chips");
		for (EmulatedChip chip : chips) {
			String uid = HEX.formatHex(chip.uid());
			byte[] flash = chip.flashContents();
			assertArrayEquals(firmware, Arrays.copyOf(flash, firmware.length), "the firmware on chip " + uid);
			Event authorization = authorized.get(uid);
			assertNotNull(authorization, "chip " + uid + " holds a record but the ledger has no authorization for it");
			assertEquals(RECORD_BYTES, authorization.record().length, "the record of " + uid + " in the ledger");
			assertArrayEquals(authorization.record(), Arrays.copyOfRange(flash, RECORD_OFFSET, RECORD_OFFSET + RECORD_BYTES),
					"chip " + uid + " holds the record its ledger entry holds, byte for byte");
			assertTrue(chip.readoutProtected(), "chip " + uid + " is read-protected");
		}

		// A chip killed after it was protected has left its bootloader: the fixture takes it out, as an
		// operator takes out a chip the station let go, so no retry can reach it. It is finished on the
		// chip (checked above) though the ledger never heard of its completion. Every other chip's last
		// attempt completed, once.
		Map<String, List<Event>> completions = ofType(events, "device-completed").stream()
				.collect(Collectors.groupingBy(Event::uid));
		Set<String> finishedOnlyOnTheChip = new TreeSet<>();
		for (String uid : authorized.keySet()) {
			int completed = completions.getOrDefault(uid, List.of()).size();
			if (completed == 0) {
				assertTrue(inWorkAtAKill.contains(uid), "chip " + uid + " was authorized and never completed, yet no kill"
						+ " interrupted it: " + events);
				finishedOnlyOnTheChip.add(uid);
			} else {
				assertEquals(1, completed, "chip " + uid + " completed once: " + completions.get(uid));
			}
		}
		List<Event> failures = ofType(events, "device-failed");
		for (Event failure : failures) {
			assertNotNull(failure.uid(), "a failure after the UID was read names it: " + failure);
			boolean retried = completions.getOrDefault(failure.uid(), List.of()).stream()
					.anyMatch(c -> c.sequence() > failure.sequence());
			assertTrue(retried || finishedOnlyOnTheChip.contains(failure.uid()), "chip " + failure.uid() + " failed"
					+ " (event " + failure.sequence() + ") and no later attempt finished it");
		}

		long reworks = ofType(events, "device-rework").size();
		long passes = allLines.stream().filter(l -> "device".equals(field(l, "type")) && "pass".equals(field(l, "result")))
				.count();
		System.out.printf("StationCrashTest: %d kills (SIGKILL) by step %s, then one run ended by SIGTERM; seed 0x%X%n",
				killsPerStep.values().stream().mapToInt(Integer::intValue).sum(), killsPerStep, SEED);
		System.out.printf("StationCrashTest: %d chips, %d serials used, %d passes shown, %d device-rework and %d"
				+ " device-failed events; %d chip(s) protected before a kill and completed only on the chip %s%n",
				CHIPS, authorizations.size(), passes, reworks, failures.size(), finishedOnlyOnTheChip.size(),
				finishedOnlyOnTheChip);
		System.out.printf("StationCrashTest: set-up %.1f s, kills and last run %.1f s, checks %.1f s%n",
				(setUp - began) / 1e9, (ran - setUp) / 1e9, (System.nanoTime() - ran) / 1e9);
	}

	/**
	 * Waits until the fixture holds a chip that has not left its bootloader yet, or every chip has. A chip
	 * the station protected leaves its bootloader and is taken out of the emulated fixture 800 ms later;
	 * a station started again within those 800 ms would begin unprotecting it just as it is pulled. The
	 * emulated operator does not watch the station, so the test waits for the line to settle instead.
	 */
	private static void awaitSettledFixture(ChipFeeder feeder) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (feeder.doneCount() >= feeder.fed().size() && feeder.doneCount() < CHIPS) {
			if (System.nanoTime() > deadline) {
				fail("the fixture did not put the next chip in within 10 s: " + feeder);
			}
			Thread.sleep(10);
		}
	}

	/** One run of {@code station program}: its output lines as they come, kept for messages. */
	private static final class StationRun implements AutoCloseable {

		/** Marks the end of the output in the queue. */
		private static final String END = new String("end of output");

		private final Process process;
		private final Path errors;
		private final int number;
		private final BlockingQueue<String> coming = new LinkedBlockingQueue<>();
		private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
		private final Thread reader;

		StationRun(Product station, Path state, Path workDir, Map<String, String> environment, int number,
				String... arguments) throws IOException {
			this.number = number;
			this.errors = workDir.resolve("run-" + number + ".err");
			this.process = station.startPiped(state, workDir, environment, errors, arguments);
			this.reader = new Thread(this::read, "station run " + number + " output");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					lines.add(line);
					coming.add(line);
				}
			} catch (IOException e) {
				// the process was killed: its output ends here
			} finally {
				coming.add(END);
			}
		}

		/** Waits for the first line from now on that {@code wanted} accepts. */
		String await(String what, Predicate<String> wanted, Duration limit) throws InterruptedException {
			long deadline = System.nanoTime() + limit.toNanos();
			while (true) {
				long left = deadline - System.nanoTime();
				String line = coming.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
				if (line == null) {
					fail("run " + number + ": no line " + what + " within " + limit.toSeconds() + " s\n" + this);
				}
				if (line == END) {
					fail("run " + number + " ended before the line " + what + "\n" + this);
				}
				if (wanted.test(line)) {
					return line;
				}
			}
		}

		/**
		 * SIGKILL to the JVM (and to the launcher script, should it not have exec'd the JVM). Signalled
		 * through its ProcessHandle: Process.destroy closes the pipe as well, and what the process still
		 * prints would be lost.
		 */
		void kill() throws InterruptedException {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.toHandle().destroyForcibly();
			ended();
		}

		/** SIGTERM, as Ctrl-C or a service manager stops the station: the device in work is finished first. */
		void terminate() throws InterruptedException {
			process.descendants().forEach(ProcessHandle::destroy);
			process.toHandle().destroy();
			ended();
		}

		private void ended() throws InterruptedException {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				fail("run " + number + " did not end within 60 s of the signal\n" + this);
			}
			reader.join(10_000);
		}

		/** Every line the run printed (complete once it ended). */
		List<String> lines() {
			synchronized (lines) {
				return List.copyOf(lines);
			}
		}

		/** The UID of the device the site worked on when the run ended, in upper-case hex. */
		Optional<String> uidInWork() {
			List<String> all = lines();
			for (int i = all.size() - 1; i >= 0; i--) {
				String line = all.get(i);
				if ("site".equals(field(line, "type"))) {
					return "working".equals(field(line, "phase")) ? Optional.ofNullable(field(line, "uid"))
							.map(uid -> uid.toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
				}
			}
			return Optional.empty();
		}

		@Override
		public void close() throws InterruptedException {
			if (process.isAlive()) {
				kill();
			}
		}

		@Override
		public String toString() {
			String stderr;
			try {
				stderr = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8) : "";
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return "--- run " + number + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
					+ " stdout\n" + String.join("\n", lines()) + "\n--- stderr\n" + stderr;
		}
	}

	/** A string or number field of one JSON line of {@code station program --json}; null when absent. */
	static String field(String line, String name) {
		Matcher value = Pattern.compile("\"" + Pattern.quote(name) + "\":(?:\"([^\"]*)\"|(-?[0-9]+))").matcher(line);
		if (!value.find()) {
			return null;
		}
		return value.group(1) != null ? value.group(1) : value.group(2);
	}

	/** The ledger's events, read-only, in order. */
	private static List<Event> events(Path ledger) throws SQLException {
		SQLiteConfig readOnly = new SQLiteConfig();
		readOnly.setReadOnly(true);
		List<Event> events = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger, readOnly.toProperties());
				Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT sequence, type, uid, serial, record FROM events ORDER BY sequence")) {
			while (rows.next()) {
				long serial = rows.getLong("serial");
				Long serialOrNull = rows.wasNull() ? null : serial;
				events.add(new Event(rows.getLong("sequence"), rows.getString("type"), rows.getString("uid"), serialOrNull,
						rows.getBytes("record")));
			}
		}
		return events;
	}

	private static List<Event> ofType(List<Event> events, String type) {
		return events.stream().filter(e -> e.type().equals(type)).toList();
	}

	/** Intel HEX of {@code data} at {@code base}: extended linear address records, 16 bytes a line. */
	static void writeHex(Path file, long base, byte[] data) throws IOException {
		StringBuilder hex = new StringBuilder();
		long upper = -1;
		for (int offset = 0; offset < data.length; offset += 16) {
			long address = base + offset;
			if (address >>> 16 != upper) {
				upper = address >>> 16;
				hex.append(hexLine(0, 4, new byte[] { (byte) (upper >>> 8), (byte) upper }));
			}
			hex.append(hexLine((int) (address & 0xFFFF), 0,
					Arrays.copyOfRange(data, offset, Math.min(data.length, offset + 16))));
		}
		hex.append(":00000001FF\n");
		Files.writeString(file, hex.toString(), StandardCharsets.US_ASCII);
	}

	private static String hexLine(int address, int type, byte[] data) {
		int sum = data.length + (address >> 8) + (address & 0xFF) + type;
		StringBuilder line = new StringBuilder(String.format(":%02X%04X%02X", data.length, address, type));
		for (byte b : data) {
			line.append(String.format("%02X", b & 0xFF));
			sum += b & 0xFF;
		}
		return line.append(String.format("%02X%n", (-sum) & 0xFF)).toString();
	}

	private static void ok(Product.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}
}
