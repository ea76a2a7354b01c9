package io.mintage.products.tests;

import static io.mintage.products.tests.OperatorStationTest.awaitShown;
import static io.mintage.products.tests.OperatorStationTest.ok;
import static io.mintage.products.tests.OperatorStationTest.xdotool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * The administrator's window at work, driven from the keyboard as a person would: a company set up
 * through the products' own commands (admin init, a station made with station init and enrolled, a
 * product with its firmware, a job issued and accepted, two emulated STM32F103 chips programmed by
 * {@code station program} and the station's signed report), then the admin window under the test's X
 * display. It must show the authority's fingerprint, the station, the product with its firmware hash and
 * the quota; the issue wizard (Ctrl+I) is filled in and finished, and the new quota follows the first
 * one's serials; the report is imported (Ctrl+R, the path typed into the file dialog) and every check is
 * shown with its result; the quota then has 3 of 5 left, the royalties of the month come to 2 devices at
 * 0.125 EUR, and the statement is exported as a PDF (Ctrl+S). What the window shows is read from its UI
 * state report; one screenshot per view goes to the docs (admin-*.png). And the key ceremony, made in the
 * window of a new admin folder, makes the authority the commands then use.
 */
class AdminPerspectiveTest {

	/** 8 bytes at 0x08000000 and 4 at 0x08000010: a hand-checked Intel HEX file for an STM32F1. */
	private static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final String AUTHORITY_SECRET = "correct horse battery staple";
	private static final String STATION_SECRET = "tr0ub4dor&3";
	private static final long WAIT_SECONDS = 120;
	private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint: ([0-9A-F:]{95})");
	private static final Pattern SHA256 = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"");
	/** The image of {@link #HEX}, 0x08000000 to 0x08000013 with its gap erased (0xFF), as SHA-256 in hex. */
	private static final String SENSOR_IMAGE_SHA256 = sha256(new byte[] { 0x00, 0x00, 0x02, 0x20, 0x01, 0x01, 0x00,
			0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
			(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF });

	@TempDir
	Path work;

	@BeforeAll
	static void needsADisplayAndXdotool() throws Exception {
		OperatorStationTest.needsADisplayAndXdotool();
	}

	@Test
	void theAdministratorWorksThroughEveryViewFromTheKeyboard() throws Exception {
		Product admin = Product.built("admin");
		Product station = Product.built("station");
		Path company = Files.createDirectories(work.resolve("company"));
		Path factory = Files.createDirectories(work.resolve("factory"));
		Map<String, String> adminEnv = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET);
		Map<String, String> stationEnv = Map.of("LINE3_PASS", STATION_SECRET);
		Files.writeString(work.resolve("sensor.hex"), HEX, StandardCharsets.US_ASCII);
		String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

		Product.Result init = admin.run(company, work, adminEnv, "init", "--name", "Acme Authority", "--passphrase-env",
				"ACME_AUTHORITY_PASS");
		ok(init);
		Matcher fingerprint = FINGERPRINT.matcher(init.out());
		assertTrue(fingerprint.find(), init.toString());
		ok(admin.run(company, work, adminEnv, "export-anchor", "--pem", "authority.pem"));
		ok(station.run(factory, work, stationEnv, "init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS"));
		ok(admin.run(company, work, adminEnv, "enrol", "Line-3.csr", "--out", "line3.pem"));
		ok(station.run(factory, work, stationEnv, "install-cert", "line3.pem", "--authority", "authority.pem"));
		ok(admin.run(company, work, adminEnv, "add-product", "--id", "4242", "--name", "Sensor", "--family", "stm32f1"));
		Product.Result firmware = admin.run(company, work, adminEnv, "add-firmware", "sensor.hex", "--product", "4242",
				"--version", "1.4.2", "--json");
		ok(firmware);
		Matcher sha256 = SHA256.matcher(firmware.out().replace(" ", ""));
		assertTrue(sha256.find(), firmware.toString());
		ok(admin.run(company, work, adminEnv, "issue-job", "--station", "line3.pem", "--product", "4242",
				"--firmware-version", "1.4.2", "--count", "5", "--valid-until", until, "--royalty", "0.125", "--currency",
				"EUR", "--out", "sensor.mjob"));
		ok(station.run(factory, work, stationEnv, "accept", "sensor.mjob"));

		// a real run: two blank chips fed on one fixture, programmed by the station, reported
		Path link = work.resolve("site1");
		try (Product.Running chips = station.start(work.resolve("chips"), work, Map.of(), "sim", "stm32f1", "--link",
				link.toString(), "--feed", "2")) {
			OperatorStationTest.await("the emulated chips on " + link,
					() -> Files.exists(link) && chips.out().contains("chip 1 fed"), chips);
			ok(station.run(factory, work, stationEnv, "program", "--site", "stm32uart:" + link, "--count", "2"));
		}
		Path reportFile = work.resolve("line3.mreport");
		ok(station.run(factory, work, stationEnv, "report", "--out", reportFile.toString()));

		Path report = work.resolve("ui.json");
		Path screenshot = work.resolve("admin.png");
		Map<String, String> windowEnv = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET, "MINTAGE_VMARGS",
				"-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + screenshot
						+ " -Dmintage.ui.reportEveryMillis=300");
		try (Product.Running window = admin.start(company, work, windowEnv)) {
			Map<String, String> authority = awaitShown(report, window, "the authority",
					shown -> fingerprint.group(1).equals(shown.get("authority.fingerprint")));
			assertEquals("Authority 'Acme Authority'", authority.get("authority.heading"), authority.toString());
			assertTrue(authority.get("authority.key").startsWith("soft key store " + company), authority.toString());
			xdotool("mousemove", "1279", "1023");
			focusWindow();
			keep(screenshot, "admin-authority.png");

			// Stations: the view gets the keyboard with Ctrl+2, the arrow key selects the station
			pressUntil("ctrl+2", report, window, shown -> active(report, "stations"));
			pressUntil("Down", report, window, shown -> "Line 3".equals(shown.get("stations.selected")));
			Map<String, String> stations = OperatorStationTest.shown(report);
			assertTrue(stations.get("station.1").startsWith("Line 3 | "), stations.toString());
			assertTrue(stations.get("station.1").contains("| Active |"), stations.toString());
			keep(screenshot, "admin-stations.png");

			pressUntil("ctrl+3", report, window, shown -> active(report, "products"));
			Map<String, String> products = awaitShown(report, window, "the product and its firmware",
					shown -> shown.getOrDefault("firmware.1", "").contains(sha256.group(1)));
			assertTrue(products.get("product.1").startsWith("0x00001092 | Sensor | stm32f1 | 1 | "), products.toString());
			assertTrue(products.get("products.options").startsWith("Record options for STM32F1 jobs:"), products.toString());
			keep(screenshot, "admin-products.png");

			pressUntil("ctrl+4", report, window, shown -> active(report, "quotas"));
			Map<String, String> quotas = awaitShown(report, window, "the quota",
					shown -> "5 of 5 left".equals(shown.get("quota.1.left")));
			assertTrue(quotas.get("quota.1").contains("| Line 3 | Sensor | 1 to 5 | 5 | 5 |"), quotas.toString());

			// the issue wizard: station, product and firmware as chosen; 100 devices at 0.125 EUR; the file
			pressUntil("ctrl+i", report, window, shown -> "Issue a job".equals(topLevel(report, "activeShell")));
			xdotool("key", "Return");
			awaitTopLevel(report, window, "focusText", "", "the count field");
			xdotool("type", "--delay", "40", "100");
			xdotool("key", "Tab", "Tab", "Tab", "Tab");
			xdotool("type", "--delay", "40", "0.125");
			xdotool("key", "Tab");
			xdotool("type", "--delay", "40", "EUR");
			awaitTopLevel(report, window, "focusText", "EUR", "the currency");
			xdotool("key", "Return");
			// the record options page has the keyboard on a check box, which is no text field
			awaitTopLevel(report, window, "focusText", null, "the record options");
			xdotool("key", "Return");
			Path jobFile = work.resolve("sensor-100.mjob");
			awaitTopLevel(report, window, "focusText", "the job file field", text -> text != null
					&& text.endsWith(".mjob"));
			xdotool("key", "ctrl+a");
			xdotool("type", "--delay", "20", jobFile.toString());
			awaitTopLevel(report, window, "focusText", jobFile.toString(), "the job file typed");
			keep(screenshot, "admin-issue-wizard.png");
			xdotool("key", "Return");
			Map<String, String> issued = awaitShown(report, window, "the second quota",
					shown -> shown.getOrDefault("quota.2", "").contains("| 6 to 105 | 100 | 100 |"));
			assertTrue(issued.get("quota.2").endsWith("| 0.125 EUR"), issued.toString());
			assertTrue(issued.get("status.line").startsWith("Job 'Sensor 1.4.2' issued: serials 6 to 105, written to "
					+ jobFile), issued.toString());
			assertTrue(Files.size(jobFile) > 0);

			// Reports: the report imported through the file dialog, every check shown with its result
			focusWindow();
			pressUntil("ctrl+5", report, window, shown -> active(report, "reports"));
			xdotool("key", "ctrl+r");
			typeIntoFileDialog("^A station's production report", reportFile, window);
			Map<String, String> imported = awaitShown(report, window, "the report imported",
					shown -> shown.getOrDefault("report.1", "").contains("| Line 3 | ACCEPTED | 2 | 2 |"));
			for (String check : List.of("signature", "station", "revocation", "chain", "continuity", "records",
					"serial-range", "quota-count", "duplicates", "reworks", "failures-after-authorization")) {
				assertTrue(imported.getOrDefault("check." + check, "").startsWith("PASS: "), check + ": " + imported);
			}
			assertTrue(imported.get("reports.heading").equals("1 report, 2 devices counted"), imported.toString());
			assertTrue(imported.get("status.line").contains("imported, accepted: 2 devices counted."), imported.toString());
			keep(screenshot, "admin-reports.png");

			focusWindow();
			pressUntil("ctrl+4", report, window,
					shown -> active(report, "quotas") && "3 of 5 left".equals(shown.get("quota.1.left")));
			keep(screenshot, "admin-quotas.png");

			// Royalties of this month: 2 devices at 0.125 EUR, a bar for Line 3, the statement as PDF
			pressUntil("ctrl+6", report, window, shown -> active(report, "royalties"));
			Map<String, String> royalties = awaitShown(report, window, "the royalties",
					shown -> "Total: 0.25 EUR for 2 devices".equals(shown.get("royalties.total")));
			assertTrue(royalties.get("royalty.1").startsWith("Line 3 | Sensor (4242) | 2 | 0.125 | 0.25"),
					royalties.toString());
			assertTrue(royalties.get("chart.1").startsWith("Line 3: 0.25 EUR ("), royalties.toString());
			keep(screenshot, "admin-royalties.png");
			Path statement = work.resolve("statement.pdf");
			xdotool("key", "ctrl+s");
			typeIntoFileDialog("^Export the royalty statement", statement, window);
			awaitShown(report, window, "the statement written",
					shown -> shown.getOrDefault("status.line", "").contains("written to " + statement + " as PDF."));
			assertEquals("%PDF-", new String(Files.readAllBytes(statement), 0, 5, StandardCharsets.US_ASCII));

			focusWindow();
			xdotool("key", "ctrl+q");
			OptionalInt exit = window.waitFor(60);
			assertTrue(exit.isPresent(), "Ctrl+Q did not close the window within 60 s: " + window);
			assertEquals(0, exit.getAsInt(), window.toString());
		}

		// the commands see what the window did
		Product.Result quotas = admin.run(company, work, adminEnv, "quotas", "--json");
		ok(quotas);
		String json = quotas.out().replace(" ", "");
		assertTrue(json.contains("\"count\":5,") && json.contains("\"counted\":2,\"left\":3"), quotas.toString());
		assertTrue(json.contains("\"firstSerial\":6,\"lastSerial\":105"), quotas.toString());
	}

	/**
	 * The key ceremony in the window of a new admin folder: Authority ▸ Create authority…, the name typed,
	 * the passphrase typed twice (the one the environment variable the dialog proposes holds), Create. The
	 * authority the window then shows is the one the commands export, and the passphrase is in no file of
	 * the admin folder and in nothing the product printed.
	 */
	@Test
	void theKeyCeremonyInTheWindowMakesTheAuthorityTheCommandsUse() throws Exception {
		Product admin = Product.built("admin");
		Path company = Files.createDirectories(work.resolve("company"));
		String secret = "ceremony " + Long.toHexString(System.nanoTime());
		Path report = work.resolve("ui.json");
		Path screenshot = work.resolve("admin.png");
		Map<String, String> windowEnv = Map.of("MINTAGE_AUTHORITY_PASS", secret, "MINTAGE_VMARGS",
				"-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + screenshot
						+ " -Dmintage.ui.reportEveryMillis=300");
		String shownFingerprint;
		try (Product.Running window = admin.start(company, work, windowEnv)) {
			awaitShown(report, window, "no authority yet", shown -> "No authority yet".equals(shown.get("authority.heading")));
			xdotool("mousemove", "1279", "1023");
			focusWindow();
			// the Authority menu by its mnemonic; its first item is Create authority…
			openFromMenu("alt+a", "Return", "Create the authority", report, window);
			xdotool("type", "--delay", "30", "Acme Authority");
			awaitTopLevel(report, window, "focusText", "Acme Authority", "the authority's name");
			xdotool("key", "alt+p");
			xdotool("type", "--delay", "30", secret);
			xdotool("key", "alt+a");
			xdotool("type", "--delay", "30", secret);
			xdotool("key", "Return");
			Map<String, String> created = awaitShown(report, window, "the authority created",
					shown -> "Authority 'Acme Authority'".equals(shown.get("authority.heading")));
			shownFingerprint = created.get("authority.fingerprint");
			assertTrue(created.get("status.line").startsWith("Authority CN=Acme Authority created; SHA-256 fingerprint "
					+ shownFingerprint), created.toString());
			assertEquals("soft key store " + company.resolve("admin/authority/authority.p12"), created.get("authority.key"));
			focusWindow();
			xdotool("key", "ctrl+q");
			OptionalInt exit = window.waitFor(60);
			assertTrue(exit.isPresent() && exit.getAsInt() == 0, window.toString());
			assertTrue(!window.out().contains(secret) && !window.err().contains(secret), "the passphrase was printed");
		}
		Product.Result exported = admin.run(company, work, Map.of(), "export-anchor", "--pem", "authority.pem", "--json");
		ok(exported);
		assertTrue(exported.out().replace(" ", "").contains("\"fingerprint\":\"" + shownFingerprint + "\""),
				exported.toString());
		String location = Files.readString(company.resolve("admin/authority/key.properties"));
		assertTrue(location.contains("secret-env=MINTAGE_AUTHORITY_PASS"), location);
		byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
		try (var files = Files.walk(company)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertTrue(indexOf(Files.readAllBytes(file), needle) < 0, "the passphrase is in " + file);
			}
		}
	}

	/**
	 * The dialogs the admin opens from the menus, driven from the keyboard in the window of a new admin
	 * folder: Authority ▸ Import existing authority… takes over an authority made elsewhere (its certificate
	 * and key store typed in); a station is enrolled (Ctrl+E); Products ▸ Add product… and Add firmware…
	 * add the product, its family chosen with the arrow keys, and its firmware; Stations ▸ Revoke station…
	 * revokes the station for key compromise (Alt+R: Enter is Cancel there); File ▸ Back up the database…
	 * writes the backup. The commands then see each of them — and so does a new admin folder restored from
	 * the backup.
	 */
	@Test
	void theMenusDialogsImportAddRevokeAndBackUpAsTheCommandsDo() throws Exception {
		Product admin = Product.built("admin");
		Product station = Product.built("station");
		Path company = Files.createDirectories(work.resolve("company"));
		Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
		Map<String, String> authorityEnv = Map.of("MINTAGE_AUTHORITY_PASS", AUTHORITY_SECRET);
		// the authority comes from another admin folder: its certificate exported, its key store left there
		Product.Result init = admin.run(elsewhere, work, authorityEnv, "init", "--name", "Acme Authority",
				"--passphrase-env", "MINTAGE_AUTHORITY_PASS");
		ok(init);
		Matcher fingerprint = FINGERPRINT.matcher(init.out());
		assertTrue(fingerprint.find(), init.toString());
		Path certificate = work.resolve("acme-ca.pem");
		ok(admin.run(elsewhere, work, authorityEnv, "export-anchor", "--pem", certificate.toString()));
		Path keystore = elsewhere.resolve("admin/authority/authority.p12");
		assertTrue(Files.isRegularFile(keystore), "no key store at " + keystore);
		ok(station.run(Files.createDirectories(work.resolve("factory")), work, Map.of("LINE3_PASS", STATION_SECRET),
				"init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS"));
		Path firmware = Files.writeString(work.resolve("sensor.hex"), HEX, StandardCharsets.US_ASCII);
		Path backup = work.resolve("admin-backup.db");

		Path report = work.resolve("ui.json");
		Map<String, String> windowEnv = Map.of("MINTAGE_AUTHORITY_PASS", AUTHORITY_SECRET, "MINTAGE_VMARGS",
				"-Dmintage.ui.report=" + report + " -Dmintage.ui.screenshot=" + work.resolve("admin.png")
						+ " -Dmintage.ui.reportEveryMillis=300");
		try (Product.Running window = admin.start(company, work, windowEnv)) {
			awaitShown(report, window, "no authority yet", shown -> "No authority yet".equals(shown.get("authority.heading")));
			xdotool("mousemove", "1279", "1023");

			// Authority ▸ Import existing authority…: the certificate typed into the first field, the key
			// store into Key store file (Alt+F); the passphrase comes from the variable the dialog proposes
			openFromMenu("alt+a", "i", "Import an existing authority", report, window);
			xdotool("type", "--delay", "20", certificate.toString());
			awaitTopLevel(report, window, "focusText", certificate.toString(), "the certificate typed");
			xdotool("key", "alt+f");
			awaitTopLevel(report, window, "focusText", "", "the key store field");
			xdotool("type", "--delay", "20", keystore.toString());
			awaitTopLevel(report, window, "focusText", keystore.toString(), "the key store typed");
			xdotool("key", "Return");
			Map<String, String> imported = awaitShown(report, window, "the authority imported",
					shown -> fingerprint.group(1).equals(shown.get("authority.fingerprint")));
			assertEquals("Authority 'Acme Authority'", imported.get("authority.heading"), imported.toString());
			assertTrue(imported.get("status.line").startsWith("Authority CN=Acme Authority imported from " + certificate),
					imported.toString());

			// the station enrolled from its request (Ctrl+E), to have one to revoke
			focusWindow();
			xdotool("key", "ctrl+e");
			typeIntoFileDialog("^The station's enrolment request", work.resolve("Line-3.csr"), window);
			awaitShown(report, window, "the station enrolled",
					shown -> "1 station".equals(shown.get("stations.heading")));

			// Products ▸ Add product…: id, name (Alt+N), the family chosen with the arrow keys (Alt+F), Add (Alt+A)
			openFromMenu("alt+p", "p", "Add a product", report, window);
			xdotool("type", "--delay", "30", "4242");
			awaitTopLevel(report, window, "focusText", "4242", "the product id");
			xdotool("key", "alt+n");
			xdotool("type", "--delay", "30", "Sensor");
			awaitTopLevel(report, window, "focusText", "Sensor", "the product's name");
			xdotool("key", "alt+f");
			chooseInFocusedChoice("Down", "STM32F1 (stm32f1)", report, window);
			xdotool("key", "alt+a");
			awaitShown(report, window, "the product added", shown -> shown.getOrDefault("status.line", "")
					.equals("Product 0x00001092 'Sensor' (stm32f1) added."));

			// Products ▸ Add firmware…: the product is the only one; the file (Alt+F), the version (Alt+V), Add
			openFromMenu("alt+p", "f", "Add firmware", report, window);
			xdotool("key", "alt+f");
			awaitTopLevel(report, window, "focusText", "", "the firmware file field");
			xdotool("type", "--delay", "20", firmware.toString());
			awaitTopLevel(report, window, "focusText", firmware.toString(), "the firmware file typed");
			xdotool("key", "alt+v");
			xdotool("type", "--delay", "30", "1.4.2");
			awaitTopLevel(report, window, "focusText", "1.4.2", "the firmware version");
			xdotool("key", "alt+a");
			awaitShown(report, window, "the firmware added", shown -> shown.getOrDefault("status.line", "")
					.equals("Firmware 1.4.2 of product 0x00001092 added (SHA-256 " + SENSOR_IMAGE_SHA256 + ")."));

			// Stations ▸ Revoke station…: the station is the only one; the reason (Alt+E), Revoke (Alt+R)
			openFromMenu("alt+s", "r", "Revoke a station", report, window);
			xdotool("key", "alt+e");
			awaitTopLevel(report, window, "focusText", "cessation-of-operation", "the reason proposed");
			chooseInFocusedChoice("Up", "key-compromise", report, window);
			xdotool("key", "alt+r");
			Map<String, String> revoked = awaitShown(report, window, "the station revoked",
					shown -> "1 station, 1 revoked".equals(shown.get("stations.heading")));
			assertTrue(revoked.get("status.line").startsWith("Station 'Line 3' (serial ")
					&& revoked.get("status.line").contains(") revoked: key-compromise."), revoked.toString());

			// File ▸ Back up the database…: the path typed into the save dialog
			openFileDialogFromMenu("alt+f", "b", "^Back up the admin database", window);
			typeIntoFileDialog("^Back up the admin database", backup, window);
			awaitShown(report, window, "the backup written",
					shown -> shown.getOrDefault("status.line", "").startsWith("Backup written to " + backup + " ("));

			focusWindow();
			xdotool("key", "ctrl+q");
			OptionalInt exit = window.waitFor(60);
			assertTrue(exit.isPresent() && exit.getAsInt() == 0, window.toString());
		}

		// what the dialogs did, as the commands see it: in the admin folder and in one restored from the backup
		Path restored = Files.createDirectories(work.resolve("restored"));
		Product.Result restore = admin.run(restored, work, Map.of(), "restore", "--from", backup.toString(), "--json");
		ok(restore);
		String restoreJson = restore.out().replace(" ", "");
		assertTrue(restoreJson.contains("\"stations\":1,") && restoreJson.contains("\"fingerprint\":\""
				+ fingerprint.group(1) + "\""), restore.toString());
		for (Path home : List.of(company, restored)) {
			Product.Result stations = admin.run(home, work, Map.of(), "stations", "--json");
			ok(stations);
			String json = stations.out().replace(" ", "");
			assertTrue(json.contains("\"name\":\"Line3\"") && json.contains("\"revoked\":true,")
					&& json.contains("\"revocationReason\":\"key-compromise\""), home + ": " + stations);
			Product.Result products = admin.run(home, work, Map.of(), "products", "--json");
			ok(products);
			json = products.out().replace(" ", "");
			assertTrue(json.contains("\"idHex\":\"0x00001092\",\"name\":\"Sensor\",\"mcuFamily\":\"stm32f1\""),
					home + ": " + products);
			assertTrue(json.contains("\"version\":\"1.4.2\",\"sha256\":\"" + SENSOR_IMAGE_SHA256 + "\""),
					home + ": " + products);
		}
	}

	/**
	 * Opens a dialog from the menu bar as a person does: the menu by its mnemonic ({@code alt+p}), the item
	 * by its letter. A key pressed before GTK has the focus can be lost: then the menu is closed and it is
	 * tried again.
	 */
	private static void openFromMenu(String menu, String item, String dialogTitle, Path report, Product.Running window)
			throws Exception {
		openWithMenu(menu, item, "the dialog '" + dialogTitle + "'", window, () -> {
			if (!window.isAlive()) {
				fail("the window ended before it showed the dialog '" + dialogTitle + "'\n" + window);
			}
			return dialogTitle.equals(topLevel(report, "activeShell"));
		});
	}

	/** As {@link #openFromMenu}, for an item that opens GTK's file dialog (an X window of its own). */
	private static void openFileDialogFromMenu(String menu, String item, String title, Product.Running window)
			throws Exception {
		openWithMenu(menu, item, "the file dialog '" + title + "'", window, () -> !windows(title).isEmpty());
	}

	/** A check that may throw, such as reading the window's state report. */
	private interface Shown {
		boolean now() throws Exception;
	}

	private static void openWithMenu(String menu, String item, String what, Product.Running window, Shown shown)
			throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			focusWindow();
			xdotool("key", menu);
			Thread.sleep(500);
			xdotool("key", item);
			long until = System.currentTimeMillis() + 10_000;
			while (System.currentTimeMillis() < until) {
				if (shown.now()) {
					return;
				}
				Thread.sleep(200);
			}
			xdotool("key", "Escape", "Escape");
		}
		fail("the menu " + menu + ", " + item + " did not open " + what + "\n" + window);
	}

	/** Presses {@code key} on the choice that has the keyboard until it shows {@code wanted} (at most 12 times). */
	private static void chooseInFocusedChoice(String key, String wanted, Path report, Product.Running window)
			throws Exception {
		for (int press = 0; press < 12 && !wanted.equals(topLevel(report, "focusText")); press++) {
			String before = topLevel(report, "focusText");
			xdotool("key", key);
			long until = System.currentTimeMillis() + 5_000;
			while (System.currentTimeMillis() < until && java.util.Objects.equals(before, topLevel(report, "focusText"))) {
				Thread.sleep(100);
			}
		}
		awaitTopLevel(report, window, "focusText", wanted, "the choice " + wanted);
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** Gives the main window the keyboard again: without a window manager a closed dialog leaves it nowhere. */
	static void focusWindow() throws Exception {
		List<String> ids = windows("^Mintage Admin ");
		if (!ids.isEmpty()) {
			xdotool("windowfocus", "--sync", ids.get(0));
		}
	}

	/**
	 * A path typed into GTK's file dialog once it is on the screen (in an open dialog a leading / opens its
	 * location field; in a save dialog it replaces the name suggested), then Enter.
	 */
	private static void typeIntoFileDialog(String title, Path file, Product.Running window) throws Exception {
		long until = System.currentTimeMillis() + WAIT_SECONDS * 1000;
		List<String> dialog;
		while ((dialog = windows(title)).isEmpty()) {
			if (System.currentTimeMillis() > until || !window.isAlive()) {
				fail("no file dialog '" + title + "' within " + WAIT_SECONDS + " s\n" + window);
			}
			Thread.sleep(200);
		}
		// keys sent before GTK gives the new dialog the keyboard are lost (seen in CI: the path typed, the
		// dialog still open): give it the focus, and type the whole path again while it stays open
		for (int attempt = 0; attempt < 3; attempt++) {
			// without a window manager focusing may be refused; the keys then go where GTK put the focus
			new ProcessBuilder("xdotool", "windowfocus", dialog.get(0)).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
			Thread.sleep(300);
			xdotool("key", "ctrl+a");
			xdotool("type", "--delay", "30", file.toString());
			xdotool("key", "Return");
			long attemptUntil = System.currentTimeMillis() + 8_000;
			while (!windows(title).isEmpty() && System.currentTimeMillis() < attemptUntil) {
				Thread.sleep(200);
			}
			if ((dialog = windows(title)).isEmpty()) {
				return;
			}
		}
		fail("the file dialog '" + title + "' is still open after typing " + file + " three times\n" + window);
	}

	/** The visible X windows whose name matches {@code title} (a regular expression), by id. */
	private static List<String> windows(String title) throws Exception {
		Process search = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", title)
				.redirectErrorStream(true).start();
		String ids = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertTrue(search.waitFor(30, TimeUnit.SECONDS), "xdotool search hangs");
		return ids.isEmpty() ? List.of() : ids.lines().toList();
	}

	/** Presses a key until the window shows the effect (a key pressed before GTK has focus can be lost). */
	private static void pressUntil(String key, Path report, Product.Running window,
			Predicate<Map<String, String>> effect) throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			xdotool("key", key);
			long until = System.currentTimeMillis() + 10_000;
			while (System.currentTimeMillis() < until) {
				if (effect.test(OperatorStationTest.shown(report))) {
					return;
				}
				Thread.sleep(200);
			}
			focusWindow();
		}
		fail("pressing " + key + " three times changed nothing the window shows: " + Files.readString(report) + "\n"
				+ window);
	}

	/** Whether the part {@code io.mintage.ui.admin.part.NAME} is the active one (it has the keyboard). */
	private static boolean active(Path report, String name) {
		return ("io.mintage.ui.admin.part." + name).equals(topLevel(report, "activePart"));
	}

	/**
	 * A field at the top of the UI report ({@code activePart}, {@code activeShell}, {@code focusText}); null
	 * when absent or null.
	 */
	private static String topLevel(Path report, String key) {
		String json;
		try {
			json = Files.readString(report, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return null;
		} catch (java.io.IOException e) {
			return null;
		}
		Matcher field = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
		return field.find() ? field.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
	}

	private static void awaitTopLevel(Path report, Product.Running window, String key, String value, String what)
			throws Exception {
		awaitTopLevel(report, window, key, what, text -> java.util.Objects.equals(value, text));
	}

	private static void awaitTopLevel(Path report, Product.Running window, String key, String what,
			Predicate<String> wanted) throws Exception {
		long until = System.currentTimeMillis() + WAIT_SECONDS * 1000;
		while (System.currentTimeMillis() < until) {
			if (wanted.test(topLevel(report, key))) {
				return;
			}
			if (!window.isAlive()) {
				fail("the window ended before it showed " + what + "\n" + window);
			}
			Thread.sleep(200);
		}
		fail("the window did not show " + what + " (" + key + ") within " + WAIT_SECONDS + " s: "
				+ Files.readString(report) + "\n" + window);
	}

	/** The picture of what the window shows now, kept in the docs when the build asks for it. */
	private static void keep(Path screenshot, String name) throws Exception {
		ProductWindowTest.assertPainted(screenshot);
		Files.copy(screenshot, screenshot.resolveSibling(name), StandardCopyOption.REPLACE_EXISTING);
		String docs = System.getProperty("mintage.screenshots.dir");
		if (docs != null && !docs.isBlank()) {
			Files.createDirectories(Path.of(docs));
			Files.copy(screenshot, Path.of(docs, name), StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
