package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's window producing for real, as at a factory: a station set up through the products'
 * own commands (admin and station init, enrol, install-cert, issue-job with an STM32F1 firmware,
 * accept), one fixture in the station's site list, three blank emulated STM32F103 chips fed one after
 * another on it ({@code mintage sim stm32f1 --feed 3}), the station window started on the X display,
 * Start all pressed with the F5 key — and the window's own report (what its parts show) must come to
 * three passed this shift and the quota down by three. The window is then closed with Ctrl+Q and the
 * ledger it wrote is checked by the station's {@code verify-ledger}. The last screenshot goes to the
 * docs as operator-station.png.
 */
class OperatorStationTest {

	private static final long WAIT_SECONDS = 120;
	private static final String JOB_PART = "io.mintage.ui.station.part.job";

	@TempDir
	Path work;

	@BeforeAll
	static void needsADisplayAndXdotool() throws Exception {
		String display = System.getenv("DISPLAY");
		assertTrue(display != null && !display.isBlank(),
				"no X display: run the tests with ./mintage test, which starts them under Xvfb");
		Process probe = new ProcessBuilder("xdotool", "version").redirectErrorStream(true).start();
		assertTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
				"xdotool is missing: ./mintage test installs it (Debian package xdotool)");
	}

	@Test
	void startAllProgramsThreeFedChipsAndTheWindowShowsThemCounted() throws Exception {
		EnrolledStation line = EnrolledStation.setUp(work);
		Product station = line.station;
		Path factory = line.factory;
		Map<String, String> stationEnv = line.stationEnv;
		line.sensorFirmware("sensor.hex");
		line.issueAndAccept("sensor.mjob", "--product", "4242", "--product-name", "Sensor", "--family", "stm32f1",
				"--firmware", "sensor.hex", "--firmware-version", "1.4.2", "--count", "5", "--serial-start", "1",
				"--valid-until", EnrolledStation.inDays(30));

		Path link = work.resolve("site1");
		Path report = work.resolve("ui.json");
		Path screenshot = work.resolve("operator-station.png");
		try (Product.Running chips = station.start(work.resolve("chips"), work, Map.of(), "sim", "stm32f1", "--link",
				link.toString(), "--feed", "3")) {
			await("the emulated chips on " + link, () -> Files.exists(link) && chips.out().contains("chip 1 fed"), chips);
			Files.writeString(factory.resolve("station").resolve("sites.properties"),
					"site.1=stm32uart:" + link + "\n", StandardCharsets.UTF_8);

			Map<String, String> windowEnv = Map.of("LINE3_PASS", EnrolledStation.STATION_SECRET, "MINTAGE_VMARGS",
					"-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + screenshot
							+ " -Dmintage.ui.reportEveryMillis=300");
			try (Product.Running window = station.start(factory, work, windowEnv)) {
				Map<String, String> opened = awaitShown(report, window, "the job open with its quota",
						shown -> "OPEN".equals(shown.get("state")) && "5 of 5 left".equals(shown.get("quota")));
				assertEquals("Sensor", opened.get("product"), opened.toString());
				assertEquals("Job 'Sensor 1.4.2' · STM32F1 · firmware 1.4.2", opened.get("details"), opened.toString());
				assertEquals("Idle", opened.get("site.1.headline"), opened.toString());
				assertEquals("0", opened.get("shift.passed"), opened.toString());

				// the pointer off the window (no tooltip in the picture); then F5, as an operator presses it
				xdotool("mousemove", "1279", "1023");
				pressUntil("F5", report, window, shown -> "true".equals(shown.get("site.1.running")));

				Map<String, String> done = awaitShown(report, window, "3 passed and the quota down by 3",
						shown -> "3".equals(shown.get("shift.passed")) && "2 of 5 left".equals(shown.get("quota")));
				assertEquals("0", done.get("shift.failed"), done.toString());
				assertEquals("100 %", done.get("shift.yield"), done.toString());
				assertEquals("3", done.get("today.passed"), done.toString());
				assertEquals("3", done.get("total.passed"), done.toString());
				assertEquals("", done.get("banner"), done.toString());
				assertTrue(done.get("site.1.headline").contains("serial 3") || done.get("site.1.advice").contains("serial 3"),
						"the tile shows the last device, serial 3: " + done);
				assertTrue(done.get("line.1").contains("device-completed") || done.get("line.1").contains("checkpoint"),
						"the newest log line is the last device: " + done);
				assertTrue(done.get("stopAll").equals("true"), "the site still runs, so Stop all is offered: " + done);

				ProductWindowTest.assertPainted(screenshot);
				String docs = System.getProperty("mintage.screenshots.dir");
				if (docs != null && !docs.isBlank()) {
					Files.createDirectories(Path.of(docs));
					Files.copy(screenshot, Path.of(docs, "operator-station.png"), StandardCopyOption.REPLACE_EXISTING);
				}

				xdotool("key", "ctrl+q");
				OptionalInt exit = window.waitFor(60);
				assertTrue(exit.isPresent(), "Ctrl+Q did not close the window within 60 s: " + window);
				assertEquals(0, exit.getAsInt(), window.toString());
			}
		}

		Product.Result verified = station.run(factory, work, stationEnv, "verify-ledger");
		ok(verified);
		Product.Result status = station.run(factory, work, stationEnv, "status", "--json");
		ok(status);
		String json = status.out().replace(" ", "");
		assertTrue(json.contains("\"used\":3,") && json.contains("\"passedTotal\":3,") && json.contains("\"failedTotal\":0,"),
				status.toString());
	}

	/** Presses a key until the window shows the effect (a key pressed before GTK has focus can be lost). */
	static void pressUntil(String key, Path report, Product.Running window, Predicate<Map<String, String>> effect)
			throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			xdotool("key", key);
			long until = System.currentTimeMillis() + 10_000;
			while (System.currentTimeMillis() < until) {
				if (effect.test(shown(report))) {
					return;
				}
				Thread.sleep(200);
			}
		}
		fail("pressing " + key + " three times changed nothing the window shows: " + shown(report) + "\n" + window);
	}

	static Map<String, String> awaitShown(Path report, Product.Running window, String what,
			Predicate<Map<String, String>> wanted) throws Exception {
		long until = System.currentTimeMillis() + WAIT_SECONDS * 1000;
		Map<String, String> last = Map.of();
		while (System.currentTimeMillis() < until) {
			last = shown(report);
			if (wanted.test(last)) {
				return last;
			}
			if (!window.isAlive()) {
				fail("the window ended before it showed " + what + ": " + last + "\n" + window);
			}
			Thread.sleep(200);
		}
		fail("the window did not show " + what + " within " + WAIT_SECONDS + " s; it shows " + last + "\n" + window);
		return last;
	}

	/** What the parts say they show: the "shown" objects of the UI report, flattened (keys are distinct). */
	static Map<String, String> shown(Path report) throws IOException {
		String json;
		try {
			json = Files.readString(report, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return Map.of();
		}
		int start = json.indexOf("\"shown\":");
		if (start < 0) {
			return Map.of();
		}
		Map<String, String> shown = new java.util.LinkedHashMap<>();
		Matcher entry = Pattern.compile("\"([^\"]+)\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json.substring(start));
		while (entry.find()) {
			shown.put(entry.group(1), entry.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
		}
		return shown;
	}

	interface Condition {
		boolean met() throws IOException;
	}

	static void await(String what, Condition condition, Product.Running process) throws Exception {
		long until = System.currentTimeMillis() + WAIT_SECONDS * 1000;
		while (System.currentTimeMillis() < until) {
			if (condition.met()) {
				return;
			}
			if (!process.isAlive()) {
				fail(what + ": the process ended: " + process);
			}
			Thread.sleep(100);
		}
		fail(what + ": not there within " + WAIT_SECONDS + " s: " + process);
	}

	static void xdotool(String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add("xdotool");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(30, TimeUnit.SECONDS), "xdotool " + String.join(" ", arguments) + " hangs");
		assertEquals(0, process.exitValue(), "xdotool " + String.join(" ", arguments) + ": " + output);
	}

	static void ok(Product.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}
}
