package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starts each product's window on the X display (Xvfb under {@code ./mintage test}) through its launcher
 * script, lets the product report what it shows, and checks title, perspective and parts. Saves a
 * screenshot of each window; with {@code mintage.screenshots.dir} set it goes to the docs.
 */
class ProductWindowTest {

	@BeforeAll
	static void needsADisplay() {
		String display = System.getenv("DISPLAY");
		assertTrue(display != null && !display.isBlank(),
				"no X display: run the tests with ./mintage test, which starts them under Xvfb");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"station|Mintage Station|io.mintage.ui.station.perspective|Station|job:Job,sites:Sites,log:Log",
			"admin|Mintage Admin|io.mintage.ui.admin.perspective|Admin|authority:Authority,stations:Stations,"
					+ "products:Products,quotas:Quotas and jobs:behind,reports:Reports:behind,royalties:Royalties:behind" })
	void windowShowsItsPerspectiveWithEveryPart(String role, String name, String perspective, String perspectiveLabel,
			String parts, @TempDir Path state) throws Exception {
		Product product = Product.built(role);
		Path report = state.resolve("ui.json");
		Path screenshot = state.resolve(role + ".png");
		String vmargs = "-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + screenshot
				+ " -Dmintage.ui.exitAfterReport=true";

		Product.Result result = product.run(state, state, Map.of("MINTAGE_VMARGS", vmargs));

		assertEquals(0, result.exitCode(), result.toString());
		assertTrue(Files.exists(report), "the product wrote no UI report: " + result);
		String json = Files.readString(report);
		assertTrue(Pattern.compile("\"title\": \"" + name + " \\d+\\.\\d+\\.\\d+\"").matcher(json).find(), json);
		assertTrue(json.contains("\"perspective\": \"" + perspective + "\""), json);
		assertTrue(json.contains("\"perspectiveLabel\": \"" + perspectiveLabel + "\""), json);

		List<String> expected = new ArrayList<>();
		// a part behind another's tab in its stack is shown when its tab is chosen, not before
		List<String> behind = new ArrayList<>();
		for (String part : parts.split(",")) {
			String[] idAndLabel = part.split(":");
			expected.add("io.mintage.ui." + role + ".part." + idAndLabel[0] + "=" + idAndLabel[1]);
			if (idAndLabel.length > 2) {
				behind.add("io.mintage.ui." + role + ".part." + idAndLabel[0]);
			}
		}
		List<String> shown = new ArrayList<>();
		Matcher partMatcher = Pattern.compile("\\{\"id\": \"([^\"]+)\", \"label\": \"([^\"]+)\", \"rendered\": (\\w+), "
				+ "\"visible\": (\\w+), \"width\": (\\d+), \"height\": (\\d+)\\}").matcher(json);
		while (partMatcher.find()) {
			shown.add(partMatcher.group(1) + "=" + partMatcher.group(2));
			if (behind.contains(partMatcher.group(1))) {
				continue;
			}
			assertEquals("true", partMatcher.group(3), partMatcher.group(1) + " not rendered: " + json);
			assertEquals("true", partMatcher.group(4), partMatcher.group(1) + " not visible: " + json);
			assertTrue(Integer.parseInt(partMatcher.group(5)) > 100 && Integer.parseInt(partMatcher.group(6)) > 50,
					partMatcher.group(1) + " has no room: " + json);
		}
		assertEquals(expected, shown);

		assertPainted(screenshot);
		reportStartTime(role, json, result.startedMillis());
		String docs = System.getProperty("mintage.screenshots.dir");
		if (docs != null && !docs.isBlank()) {
			Files.createDirectories(Path.of(docs));
			Files.copy(screenshot, Path.of(docs, role + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * The window must really be painted: a theme that fails leaves part areas black while the model
	 * still says every part is rendered and visible (seen with Eclipse's e4_default GTK theme on Xvfb).
	 */
	static void assertPainted(Path screenshot) throws IOException {
		BufferedImage image = ImageIO.read(screenshot.toFile());
		assertTrue(image != null && image.getWidth() >= 800 && image.getHeight() >= 600,
				"no usable PNG screenshot at " + screenshot);
		long black = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				if ((image.getRGB(x, y) & 0xFFFFFF) == 0) {
					black++;
				}
			}
		}
		double share = (double) black / ((long) image.getWidth() * image.getHeight());
		assertTrue(share < 0.2, String.format("%.0f %% of the window is black: parts are not painted", share * 100));
	}

	/** Informational only (a benchmark, not an assertion): see ./mintage bench-startup for the figures. */
	private static void reportStartTime(String role, String json, long launchedMillis) {
		Matcher shown = Pattern.compile("\"windowMillis\": (\\d+)").matcher(json);
		if (shown.find()) {
			System.out.printf("%s: launcher start to window up: %d ms%n", role,
					Long.parseLong(shown.group(1)) - launchedMillis);
		}
	}
}
