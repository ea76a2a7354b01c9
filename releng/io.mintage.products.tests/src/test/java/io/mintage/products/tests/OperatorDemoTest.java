package io.mintage.products.tests;

import static io.mintage.products.tests.OperatorStationTest.await;
import static io.mintage.products.tests.OperatorStationTest.awaitShown;
import static io.mintage.products.tests.OperatorStationTest.ok;
import static io.mintage.products.tests.OperatorStationTest.pressUntil;
import static io.mintage.products.tests.OperatorStationTest.xdotool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's window on a run of several jobs, as {@code ./mintage demo} shows it: a station set up
 * through the products' own commands with three accepted jobs of three MCU families (STM32F1, STM32F4,
 * LPC11C24), one fixture per family in the site list, blank emulated chips fed on each
 * ({@code mintage sim … --feed}), the window started, Start all pressed with F5 — and the window's own
 * report must come to every job of the run shown with its own gauge, every site passing devices and
 * each job's quota going down by its own. The ledger then holds each job's devices. The screenshot goes
 * to the docs as operator-demo.png.
 */
class OperatorDemoTest {

	/** 8 bytes at 0x08000000 and 4 at 0x08000010: a hand-checked Intel HEX file for an STM32. */
	private static final String STM32_HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	/** The same at 0x00000000 (stack top 0x10001000, reset 0x41) for the LPC11C24. */
	private static final String LPC_HEX = """
			:08000000001000104100000097
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final Pattern LEFT = Pattern.compile("(\\d+) of (\\d+) left");

	/** family, product, emulator, site probe, quota, first UID */
	private static final String[][] JOBS = {
			{ "stm32f1", "Thermostat", "stm32f1:f103xb", "stm32uart", "6", "0f0047000e51363236313001" },
			{ "stm32f4", "Gateway", "stm32f4:f407xg", "stm32uart", "5", "2e0039000851363236323901" },
			{ "lpc11c24", "Valve", "lpc11c24", "lpcisp", "4", "a5021c2ee4a74f59b1a0c10d1d8e3f01" } };

	@TempDir
	Path work;

	@BeforeAll
	static void needsADisplayAndXdotool() throws Exception {
		OperatorStationTest.needsADisplayAndXdotool();
	}

	@Test
	void startAllOnThreeFamiliesPassesDevicesOnEverySiteAndEachJobsQuotaGoesDown() throws Exception {
		EnrolledStation line = EnrolledStation.setUp(work);
		Product station = line.station;
		Path factory = line.factory;
		Map<String, String> stationEnv = line.stationEnv;
		Files.writeString(work.resolve("stm32.hex"), STM32_HEX, StandardCharsets.US_ASCII);
		Files.writeString(work.resolve("lpc.hex"), LPC_HEX, StandardCharsets.US_ASCII);
		for (int i = 0; i < JOBS.length; i++) {
			String[] job = JOBS[i];
			line.issueAndAccept(job[1] + ".mjob", "--product",
					Integer.toString(100 + i), "--product-name", job[1], "--family", job[0], "--firmware",
					job[0].equals("lpc11c24") ? "lpc.hex" : "stm32.hex", "--firmware-version", "1." + i + ".0", "--count",
					job[4], "--serial-start", Integer.toString(1000 * (i + 1)), "--valid-until",
					EnrolledStation.inDays(365));
		}

		Path report = work.resolve("ui.json");
		Path screenshot = work.resolve("operator-demo.png");
		List<Product.Running> chips = new ArrayList<>();
		try {
			StringBuilder sites = new StringBuilder();
			for (int i = 0; i < JOBS.length; i++) {
				String[] job = JOBS[i];
				Path link = work.resolve("site-" + job[0]);
				Product.Running fed = station.start(work.resolve("chips-" + job[0]), work, Map.of(), "sim", job[2],
						"--link", link.toString(), "--uid", job[5], "--feed", "3", "--swap-ms", "300");
				chips.add(fed);
				await("the emulated " + job[0] + " chips on " + link,
						() -> Files.exists(link) && fed.out().contains("chip 1 fed"), fed);
				sites.append("site.").append(i + 1).append('=').append(job[3]).append(':').append(link).append('\n');
			}
			Files.writeString(factory.resolve("station").resolve("sites.properties"), sites, StandardCharsets.UTF_8);

			Map<String, String> windowEnv = Map.of("LINE3_PASS", EnrolledStation.STATION_SECRET, "MINTAGE_VMARGS",
					"-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + screenshot
							+ " -Dmintage.ui.reportEveryMillis=300");
			try (Product.Running window = station.start(factory, work, windowEnv)) {
				Map<String, String> opened = awaitShown(report, window, "the three jobs open together, quotas full",
						shown -> "OPEN".equals(shown.get("state")) && "3".equals(shown.get("jobs"))
								&& quotas(shown).stream().allMatch(q -> q[0] == q[1] && q[1] > 0));
				assertEquals("3 jobs at once", opened.get("product"), opened.toString());
				assertTrue(opened.get("details").startsWith("Each chip goes to the job of its family: ")
						&& opened.get("details").contains("STM32F1") && opened.get("details").contains("STM32F4")
						&& opened.get("details").contains("LPC11C24"), opened.toString());
				assertEquals("All usable jobs (one per MCU family)", opened.get("job"), opened.toString());
				for (String[] job : JOBS) {
					String key = block(opened, job[1] + " · " + job[0].toUpperCase(java.util.Locale.ROOT));
					assertEquals(job[4] + " of " + job[4] + " left", opened.get(key + "quota"), opened.toString());
					assertTrue(opened.get(key + "validity").startsWith("Valid until "), opened.toString());
					assertEquals("", opened.get(key + "banner"), opened.toString());
				}

				xdotool("mousemove", "1279", "1023");
				pressUntil("F5", report, window, shown -> "true".equals(shown.get("site.1.running")));

				// a serial is used when its device is authorized, before it passes: wait for both
				Map<String, String> done = awaitShown(report, window, "two devices passed for every job",
						shown -> quotas(shown).size() == 3 && quotas(shown).stream().allMatch(q -> q[1] - q[0] >= 2)
								&& Long.parseLong(shown.getOrDefault("shift.passed", "0")) >= 6);
				assertTrue(Long.parseLong(done.get("shift.passed")) >= 6, done.toString());
				assertEquals("0", done.get("shift.failed"), done.toString());
				assertEquals("", done.get("banner"), done.toString());
				for (int site = 1; site <= 3; site++) {
					assertEquals("true", done.get("site." + site + ".running"), done.toString());
				}

				ProductWindowTest.assertPainted(screenshot);
				String docs = System.getProperty("mintage.screenshots.dir");
				if (docs != null && !docs.isBlank()) {
					Files.createDirectories(Path.of(docs));
					Files.copy(screenshot, Path.of(docs, "operator-demo.png"), StandardCopyOption.REPLACE_EXISTING);
				}

				xdotool("key", "ctrl+q");
				OptionalInt exit = window.waitFor(60);
				assertTrue(exit.isPresent(), "Ctrl+Q did not close the window within 60 s: " + window);
				assertEquals(0, exit.getAsInt(), window.toString());
			}
		} finally {
			for (Product.Running fed : chips) {
				fed.close();
			}
		}

		Product.Result status = station.run(factory, work, stationEnv, "status", "--json");
		ok(status);
		String json = status.out().replace(" ", "");
		for (String[] job : JOBS) {
			Matcher used = Pattern.compile("\"count\":" + job[4] + ",\"used\":(\\d+)").matcher(json);
			assertTrue(used.find() && Integer.parseInt(used.group(1)) >= 2, job[1] + ": " + status);
		}
		ok(station.run(factory, work, stationEnv, "verify-ledger"));
	}

	/** The report's key prefix of the job block whose title is {@code title}: "job.N.". */
	private static String block(Map<String, String> shown, String title) {
		for (int i = 1; shown.containsKey("job." + i + ".product"); i++) {
			if (shown.get("job." + i + ".product").equals(title)) {
				return "job." + i + ".";
			}
		}
		throw new AssertionError("no job block '" + title + "' in " + shown);
	}

	/** Each job block's gauge as {left, count}, in block order. */
	private static List<long[]> quotas(Map<String, String> shown) {
		List<long[]> all = new ArrayList<>();
		for (int i = 1; shown.containsKey("job." + i + ".quota"); i++) {
			Matcher left = LEFT.matcher(shown.get("job." + i + ".quota"));
			if (left.matches()) {
				all.add(new long[] { Long.parseLong(left.group(1)), Long.parseLong(left.group(2)) });
			}
		}
		return all;
	}
}
