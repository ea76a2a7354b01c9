package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyLocation;
import io.mintage.trust.PemFiles;

/**
 * Every admin command through the service registry, as {@code mintage admin} runs them: the new ones
 * (products, firmware, lists, backup, restore) and {@code --json} on each, which prints exactly one JSON
 * document.
 */
class AdminCommandsTest {

	record Result(int exitCode, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
		}
	}

	static final List<String> COMMANDS = List.of("init", "export-anchor", "enrol", "issue-quota", "issue-job", "revoke",
			"backup", "restore", "stations", "products", "add-product", "add-firmware", "quotas", "import-report", "reports",
			"royalties", "import-authority");

	@TempDir
	Path work;

	@Test
	void everyCommandAnswersInJsonAndTheDatabaseCarriesTheWorkflow() throws Exception {
		Path admin = work.resolve("admin");
		io.mintage.testing.Backends.find("soft");
		Path secret = io.mintage.testing.Secrets.inFile(work, "authority.pass", "passphrase of the authority")
				.file().orElseThrow();
		Files.writeString(work.resolve("sensor.hex"), Fixture.HEX, StandardCharsets.US_ASCII);
		PemFiles.writeRequest(work.resolve("line3.csr"), Fixture.request(work, "Line 3"));
		String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

		Result init = json(admin, "init", "--name", "Acme Authority", KeyLocation.PASSPHRASE_FILE, secret.toString());
		assertTrue(init.out().contains("\"subject\":\"CN=Acme Authority\",\"fingerprint\":\""), init.toString());
		json(admin, "export-anchor", "--pem", "authority.pem");
		Result enrol = json(admin, "enrol", "line3.csr", "--out", "line3.pem");
		assertTrue(enrol.out().contains("\"name\":\"Line 3\""), enrol.toString());
		String serial = PemFiles.readCertificate(work.resolve("line3.pem")).getSerialNumber().toString(16);
		assertTrue(enrol.out().contains("\"serial\":\"" + serial + "\""), enrol.toString());

		Result product = json(admin, "add-product", "--id", "0x13572468", "--name", "Sensor", "--family", "stm32f1");
		assertTrue(product.out().contains("\"id\":324478056,\"idHex\":\"0x13572468\""), product.toString());
		Result firmware = json(admin, "add-firmware", "sensor.hex", "--product", "0x13572468", "--version", "1.0.0");
		assertTrue(firmware.out().contains("\"version\":\"1.0.0\",\"sha256\":\""), firmware.toString());

		Result quota = json(admin, "issue-quota", "--station", "line3.pem", "--product", "0x13572468", "--count", "100",
				"--valid-until", until, "--royalty", "0.125", "--currency", "EUR", "--out", "q.mquota");
		assertTrue(quota.out().contains("\"firstSerial\":1,\"lastSerial\":100,\"count\":100"), quota.toString());
		assertTrue(quota.out().contains("\"royaltyPerDevice\":\"0.125\",\"royaltyCurrency\":\"EUR\","
				+ "\"royaltyForAll\":\"12.500\""), quota.toString());
		// the station named by its serial; firmware by a version added before; product known
		Result job = json(admin, "issue-job", "--station", serial, "--product", "0x13572468", "--firmware-version",
				"1.0.0", "--count", "10", "--valid-until", until, "--bind-firmware-hash", "--out", "j.mjob");
		assertTrue(job.out().contains("\"firstSerial\":101,\"lastSerial\":110"), job.toString());
		assertTrue(Files.size(work.resolve("j.mjob")) > 0);

		Result stations = json(admin, "stations");
		assertTrue(stations.out().startsWith("{\"stations\":[{\"serial\":\"" + serial + "\""), stations.toString());
		assertTrue(stations.out().contains("\"expired\":false") && stations.out().contains("\"revoked\":false"),
				stations.toString());
		Result products = json(admin, "products");
		assertTrue(products.out().contains("\"mcuFamily\":\"stm32f1\"") && products.out().contains("\"firmware\":[{"),
				products.toString());
		Result quotas = json(admin, "quotas", "--product", "0x13572468");
		assertEquals(2, quotas.out().split("\"id\":").length - 1, quotas.toString());

		Result revoke = json(admin, "revoke", "line3.pem", "--reason", "key-compromise", "--out", "r.crl");
		assertTrue(revoke.out().contains("\"revoked\":true,\"revokedAt\":\"")
				&& revoke.out().contains("\"revocationReason\":\"key-compromise\""), revoke.toString());
		assertTrue(revoke.out().contains("\"revocationList\":{\"number\":1,\"stations\":1"), revoke.toString());
		Result refused = run(admin, "issue-quota", "--station", "line3.pem", "--product", "0x13572468", "--count", "1",
				"--valid-until", until, "--json");
		assertEquals(1, refused.exitCode(), refused.toString());
		assertTrue(refused.err().contains("was revoked on") && refused.err().contains("(key-compromise)"),
				refused.toString());
		assertEquals("", refused.out(), "no document on failure");

		Result backup = json(admin, "backup", "--to", "admin-backup.db");
		assertTrue(backup.out().contains("\"schemaVersion\":4"), backup.toString());
		Result notEmpty = run(admin, "restore", "--from", "admin-backup.db");
		assertEquals(1, notEmpty.exitCode(), notEmpty.toString());
		assertTrue(notEmpty.err().contains("holds admin state already"), notEmpty.toString());
		Result restored = json(work.resolve("admin-restored"), "restore", "--from", "admin-backup.db");
		assertTrue(restored.out().contains("\"stations\":1,\"quotas\":2"), restored.toString());
		json(admin, "restore", "--from", "admin-backup.db", "--replace");
	}

	@Test
	void everyAdminCommandIsRegisteredAndOffersJson() throws Exception {
		for (String name : COMMANDS) {
			assertTrue(find(name).usage().contains("--json"), name + " usage names --json");
		}
	}

	@Test
	void aRoyaltyNeedsItsCurrencyAndAnExactAmount() throws Exception {
		Path admin = work.resolve("admin");
		Result noCurrency = run(admin, "issue-quota", "--station", "x.pem", "--product", "1", "--count", "1",
				"--valid-until", "2030-01-01", "--royalty", "0.1");
		assertEquals(2, noCurrency.exitCode(), noCurrency.toString());
		assertTrue(noCurrency.err().contains("--royalty and --currency go together"), noCurrency.toString());
		Result inexact = run(admin, "issue-quota", "--station", "x.pem", "--product", "1", "--count", "1",
				"--valid-until", "2030-01-01", "--royalty", "1e-3", "--currency", "EUR");
		assertEquals(2, inexact.exitCode(), inexact.toString());
		assertFalse(Files.exists(admin.resolve("admin.db")), "a usage error opens nothing");
	}

	@Test
	void aRejectedReportIsCountedWhenImportedAgainWithAWaiverAndItsReason() throws Exception {
		Path home = work.resolve("admin");
		io.mintage.admin.Admin admin = Fixture.withAuthority(work);
		io.mintage.admin.Firmware firmware = Fixture.sensorFirmware(admin);
		try (SyntheticStation line3 = SyntheticStation.enrol(admin, work, "Line 3", 0x0e513632)) {
			SyntheticStation.Job job = line3.job(firmware, 10, java.util.Optional.empty());
			line3.device(job, line3.newUid());
			io.mintage.core.DeviceUid uid = line3.newUid();
			long beyond = job.firstSerial() + 10;
			line3.authorize(job, uid, beyond, SyntheticStation.signedAnyway(job, beyond, uid));
			line3.complete(job, uid, beyond, false);
			String report = line3.report().toString();

			// a file that cannot be read after one that was recorded: both said
			Result rejected = run(home, "import-report", report, "lost.mreport");
			assertEquals(1, rejected.exitCode(), rejected.toString());
			assertTrue(rejected.err().contains("lost.mreport does not exist"), rejected.toString());
			assertTrue(rejected.out().contains("FAIL  serial-range: 1 serial lies outside the quota's range"),
					rejected.toString());
			Result notWaivable = run(home, "import-report", report, "--waive", "serial-range,signature", "--reason", "x");
			assertEquals(2, notWaivable.exitCode(), notWaivable.toString());
			assertTrue(notWaivable.err().contains("the check 'signature' cannot be waived"), notWaivable.toString());
			Result noReason = run(home, "import-report", report, "--waive", "serial-range");
			assertEquals(2, noReason.exitCode(), noReason.toString());
			assertTrue(noReason.err().contains("--waive needs --reason TEXT"), noReason.toString());
			assertEquals(1, admin.reports().list().size(), "a usage error records nothing");

			Result waived = json(home, "import-report", report, "--waive", "serial-range", "--reason",
					"serial 11 agreed with the factory as a spare");
			assertTrue(waived.out().contains("\"status\":\"flagged\""), waived.toString());
			assertTrue(waived.out().contains("\"id\":\"serial-range\",\"outcome\":\"warn\",\"summary\":\"waived by the"
					+ " administrator (serial 11 agreed with the factory as a spare): 1 serial lies outside the quota's"
					+ " range\",\"findingCount\":1,\"waivedFor\":\"serial 11 agreed with the factory as a spare\""),
					waived.toString());
			// the record outside its range never counts: only the device with a verified record does
			assertTrue(waived.out().contains("\"counted\":1}"), waived.toString());
			Result shown = run(home, "reports", admin.reports().list().get(1).reportId().toString());
			assertTrue(shown.out().contains("WARN  serial-range: waived by the administrator"), shown.toString());
		}
	}

	/** Runs with --json, expects success and exactly one JSON document on one line. */
	Result json(Path state, String... words) throws Exception {
		List<String> all = new ArrayList<>(List.of(words));
		all.add("--json");
		Result result = run(state, all.toArray(String[]::new));
		assertEquals(0, result.exitCode(), result.toString());
		assertEquals(1, result.out().lines().count(), "one line: " + result);
		Json.check(result.out());
		return result;
	}

	Result run(Path state, String... words) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
		int exitCode;
		try {
			exitCode = find(words[0]).run(CommandContext.of(outStream, errStream, work, state),
					List.of(words).subList(1, words.length));
		} catch (CommandException e) {
			errStream.println(e.getMessage());
			exitCode = e.exitCode();
		}
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	static Command find(String name) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(AdminCommandsTest.class).getBundleContext();
		ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
				+ Command.class.getName() + ")(" + Command.NAME + "=" + name + ")(" + Command.PRODUCT + "=admin))"),
				null);
		tracker.open();
		try {
			Command command = tracker.waitForService(5_000);
			assertNotNull(command, "no admin command '" + name + "' in the service registry");
			return command;
		} finally {
			tracker.close();
		}
	}
}
