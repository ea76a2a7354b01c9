package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation from end to end, through the built products' own commands only: the admin sets
 * up an authority, a station, a product with firmware and a job with a royalty of 0.125 EUR per device;
 * the station programs 50 emulated STM32F103 chips fed one after another by {@code mintage sim
 * --feed} (a child process), three of which lose power in the middle of the firmware write and are
 * programmed again with the same UID and record (reworks), and two of which the operator takes out
 * in the middle of the write after they were authorized (failures after authorization); the station
 * writes its report, the admin imports it and states the royalties as CSV: exactly 50 devices counted,
 * 3 reworks, 2 failures after authorization, 50 × 0.125 = 6.250 EUR.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ReconciliationRoundTripTest {

	private static final String AUTHORITY_SECRET = "correct horse battery staple";
	private static final String STATION_SECRET = "tr0ub4dor&3";
	private static final int DEVICES = 50;
	/** Chips fed: the devices and the two taken out. */
	private static final int CHIPS = 52;
	/** Fed chips (1 for the first) that lose power mid-write, and that are taken out mid-write. */
	private static final List<Integer> POWER_LOSS = List.of(10, 25, 40);
	private static final List<Integer> TAKEN_OUT = List.of(17, 33);
	/**
	 * How long a chip stays without power, and the fixture empty after a chip is taken out: longer than
	 * the STM32 probe's resynchronisation (8 probes of 500 ms and a filled-up frame), which otherwise
	 * finds the chip (or the next one) again and finishes the block as if nothing happened; so the
	 * attempt fails, and the station's next attempt finds the same chip (a rework) or the next one.
	 */
	private static final int SILENT_MS = 6000;
	/**
	 * A received byte inside the firmware write: a chip takes about 80 bytes of identification, UID and
	 * size reads and erase before the first Write Memory; the 1 KiB firmware is 4 of them, 265 bytes each.
	 */
	private static final int MID_WRITE_BYTE = 600;
	private static final String FIRST_UID = "3c0047000e51363236320000";
	private static final long SEED = 0x0125_E0AL;

	@TempDir
	Path work;

	@Test
	void fiftyDevicesWithReworksAndFailuresCountFiftyAndOweSixPointTwoFiveEuro() throws Exception {
		Product admin = Product.built("admin");
		Product station = Product.built("station");
		Path company = Files.createDirectories(work.resolve("company"));
		Path factory = Files.createDirectories(work.resolve("factory"));
		Map<String, String> adminEnv = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET);
		Map<String, String> stationEnv = Map.of("LINE3_PASS", STATION_SECRET);
		byte[] firmware = new byte[1024];
		new Random(SEED).nextBytes(firmware);
		StationCrashTest.writeHex(work.resolve("sensor.hex"), 0x0800_0000L, firmware);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		ok(admin.run(company, work, adminEnv, "init", "--name", "Acme Authority", "--passphrase-env",
				"ACME_AUTHORITY_PASS"));
		ok(admin.run(company, work, adminEnv, "export-anchor", "--pem", "authority.pem"));
		ok(station.run(factory, work, stationEnv, "init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS"));
		ok(admin.run(company, work, adminEnv, "enrol", "Line-3.csr", "--out", "line3.pem"));
		ok(station.run(factory, work, stationEnv, "install-cert", "line3.pem", "--authority", "authority.pem"));
		ok(admin.run(company, work, adminEnv, "add-product", "--id", "4242", "--name", "Sensor", "--family",
				"stm32f1"));
		ok(admin.run(company, work, adminEnv, "add-firmware", "sensor.hex", "--product", "4242", "--version",
				"1.0.0"));
		ok(admin.run(company, work, adminEnv, "issue-job", "--station", "line3.pem", "--product", "4242",
				"--firmware-version", "1.0.0", "--count", "100", "--valid-until", today.plusDays(30).toString(),
				"--royalty", "0.125", "--currency", "EUR", "--out", "sensor.mjob"));
		ok(station.run(factory, work, stationEnv, "accept", "sensor.mjob"));

		List<String> sim = new ArrayList<>(List.of("sim", "stm32f1:f103xb", "--link", "site1", "--feed",
				Integer.toString(CHIPS), "--swap-ms", "100", "--flash-time", "0.05", "--uid", FIRST_UID));
		for (int chip : POWER_LOSS) {
			sim.addAll(List.of("--faults-of", chip + "=powerloss@" + MID_WRITE_BYTE + ":" + SILENT_MS));
		}
		for (int chip : TAKEN_OUT) {
			sim.addAll(List.of("--faults-of", chip + "=pull@" + MID_WRITE_BYTE + ":" + SILENT_MS));
		}
		Path site = work.resolve("site1");
		try (Product.Running feeder = station.start(work.resolve("sim"), work, Map.of(), sim.toArray(String[]::new))) {
			awaitLink(site, feeder);
			try (Product.Running program = station.start(factory, work, stationEnv, "program", "--site",
					"stm32uart:" + site + "?baud=115200", "--count", Integer.toString(DEVICES), "--json", "--poll-ms",
					"50")) {
				OptionalInt exit = program.waitFor(400);
				if (exit.isEmpty()) {
					fail("station program did not pass " + DEVICES + " devices within 400 s\n" + program + "\n" + feeder);
				}
				assertEquals(0, exit.getAsInt(), program.toString());
				String lines = program.out();
				assertEquals(DEVICES, count(lines, "\"type\":\"device\"", "\"result\":\"pass\""), lines);
			}
		}

		String report = json(station.run(factory, work, stationEnv, "report", "--out", "line3.mreport", "--json"));
		assertTrue(report.contains("\"file\":\""), report);
		Product.Result importing = admin.run(company, work, adminEnv, "import-report", "line3.mreport", "--json");
		String imported = json(importing);
		// flagged: counted, with the two failures after authorization to look at
		assertTrue(imported.contains("\"status\":\"flagged\""), imported);
		assertEquals(DEVICES, number(imported, "counted"), imported);
		assertEquals(3, number(imported, "reworks"), imported);
		assertEquals(2, number(imported, "failedAfterAuthorization"), imported);
		assertEquals(DEVICES, number(imported, "completed"), "each device completed once: " + imported);
		assertEquals(DEVICES + TAKEN_OUT.size(), number(imported, "authorized"), "a serial each, reworks none: "
				+ imported);
		for (String check : List.of("signature", "station", "revocation", "chain", "continuity", "records",
				"serial-range", "quota-count", "duplicates", "reworks")) {
			assertTrue(imported.contains("{\"id\":\"" + check + "\",\"outcome\":\"pass\""), check + ": " + imported);
		}
		assertTrue(imported.contains("{\"id\":\"failures-after-authorization\",\"outcome\":\"warn\",\"summary\":\"2 devices"
				+ " were authorized and never completed (their serials are used)\",\"findingCount\":2"), imported);
		for (int chip : TAKEN_OUT) {
			assertTrue(imported.contains("UID " + uidOf(chip) + ", serial "), "chip " + chip + " is named: " + imported);
		}
		for (int chip : POWER_LOSS) {
			assertTrue(imported.contains("UID " + uidOf(chip) + ", serial "), "chip " + chip + " is named: " + imported);
		}
		Product.Result again = admin.run(company, work, adminEnv, "import-report", "line3.mreport", "--json");
		assertTrue(json(again).contains("\"alreadyImported\":true"), again.toString());

		String royalties = json(admin.run(company, work, adminEnv, "royalties", "--from", today.minusDays(1).toString(),
				"--to", today.plusDays(1).toString(), "--csv", "royalties.csv", "--json"));
		assertTrue(royalties.contains("{\"currency\":\"EUR\",\"devices\":50,\"total\":\"6.250\",\"lines\":[{\"station\":"
				+ "\"Line 3\",\"product\":\"Sensor (4242)\",\"devices\":50,\"royaltyPerDevice\":\"0.125\","
				+ "\"amount\":\"6.250\"}]}"), royalties);
		assertEquals("station,product,devices,royalty_per_device,amount,currency\r\n"
				+ "Line 3,Sensor (4242),50,0.125,6.25,EUR\r\n"
				+ "TOTAL,,50,,6.25,EUR\r\n", Files.readString(work.resolve("royalties.csv"), StandardCharsets.UTF_8));
	}

	/** The UID of fed chip {@code number} (1 for the first), as the ledger and the admin write it. */
	private static String uidOf(int number) {
		byte[] uid = HexFormat.of().parseHex(FIRST_UID);
		for (int i = 1; i < number; i++) {
			for (int b = uid.length - 1; b >= 0 && ++uid[b] == 0; b--) {
				// carry
			}
		}
		return HexFormat.of().withUpperCase().formatHex(uid);
	}

	/** Waits until the sim's pty link is there, as its first line says. */
	private static void awaitLink(Path link, Product.Running sim) throws Exception {
		for (int i = 0; i < 600; i++) {
			if (Files.exists(link) && sim.out().contains("feeding chips at")) {
				return;
			}
			if (!sim.isAlive()) {
				fail("the sim ended before it fed a chip\n" + sim);
			}
			Thread.sleep(50);
		}
		fail("the sim made no link " + link + " within 30 s\n" + sim);
	}

	/** Lines of {@code text} holding every one of {@code parts}. */
	private static long count(String text, String... parts) {
		return text.lines().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
	}

	private static long number(String json, String key) {
		Matcher value = Pattern.compile("\"" + Pattern.quote(key) + "\":([0-9]+)").matcher(json);
		assertTrue(value.find(), key + " in " + json);
		return Long.parseLong(value.group(1));
	}

	/** A command that succeeded and printed exactly one JSON object on one line; that line. */
	private static String json(Product.Result result) {
		ok(result);
		String out = result.out().strip();
		assertEquals(1, out.lines().count(), result.toString());
		assertTrue(out.startsWith("{") && out.endsWith("}"), result.toString());
		return out;
	}

	private static void ok(Product.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}
}
