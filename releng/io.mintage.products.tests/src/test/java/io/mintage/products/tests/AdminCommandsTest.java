package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin database through the built admin product: products and firmware, quotas with a royalty and
 * automatic serials, the lists, every command's {@code --json}, and a backup restored into another
 * MINTAGE_HOME that issues on where the first left off. The OSGi tests (io.mintage.admin.tests) cover
 * the refusals; this proves the product carries the database (sqlite-jdbc, its native library, the SQL).
 */
class AdminCommandsTest {

	private static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final String AUTHORITY_SECRET = "correct horse battery staple";

	@TempDir
	Path work;

	@Test
	void theAdminDatabaseThroughTheProduct() throws Exception {
		Product admin = Product.built("admin");
		Product station = Product.built("station");
		Path company = Files.createDirectories(work.resolve("company"));
		Path factory = Files.createDirectories(work.resolve("factory"));
		Map<String, String> env = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET);
		Map<String, String> stationEnv = Map.of("LINE3_PASS", "tr0ub4dor&3");
		Files.writeString(work.resolve("sensor.hex"), HEX, StandardCharsets.US_ASCII);
		String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

		Product.Result help = admin.run(company, work, env, "--help");
		for (String command : List.of("backup", "restore", "stations", "products", "add-product", "add-firmware",
				"quotas")) {
			assertTrue(help.out().contains("  " + command + " "), command + " in: " + help);
		}
		String init = json(admin.run(company, work, env, "init", "--name", "Acme Authority", "--passphrase-env",
				"ACME_AUTHORITY_PASS", "--json"));
		assertTrue(init.contains("\"fingerprint\":\""), init);
		assertTrue(json(admin.run(company, work, env, "export-anchor", "--pem", "authority.pem", "--json"))
				.contains("\"pem\":\""));
		ok(station.run(factory, work, stationEnv, "init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS"));
		String enrol = json(admin.run(company, work, env, "enrol", "Line-3.csr", "--out", "line3.pem", "--json"));
		ok(station.run(factory, work, stationEnv, "install-cert", "line3.pem", "--authority", "authority.pem"));
		String serial = enrol.replaceAll(".*\"serial\":\"([0-9a-f]+)\".*", "$1");
		json(admin.run(company, work, env, "add-product", "--id", "4242", "--name", "Sensor", "--family", "stm32f1",
				"--json"));
		String firmware = json(admin.run(company, work, env, "add-firmware", "sensor.hex", "--product", "4242",
				"--version", "2.0.0", "--json"));
		assertTrue(firmware.contains("\"version\":\"2.0.0\",\"sha256\":\""), firmware);

		String job = json(admin.run(company, work, env, "issue-job", "--station", "line3.pem", "--product", "4242",
				"--firmware-version", "2.0.0", "--count", "5", "--valid-until", until, "--royalty", "0.125",
				"--currency", "EUR", "--out", "sensor.mjob", "--json"));
		assertTrue(job.contains("\"firstSerial\":1,\"lastSerial\":5") && job.contains("\"royaltyForAll\":\"0.625\""),
				job);
		ok(station.run(factory, work, stationEnv, "accept", "sensor.mjob"));
		String quota = json(admin.run(company, work, env, "issue-quota", "--station", serial, "--product", "4242",
				"--count", "10", "--valid-until", until, "--out", "more.mquota", "--json"));
		assertTrue(quota.contains("\"firstSerial\":6,\"lastSerial\":15"), quota);

		assertTrue(json(admin.run(company, work, env, "stations", "--json")).contains("\"name\":\"Line 3\""));
		assertTrue(json(admin.run(company, work, env, "products", "--json")).contains("\"fileName\":\"sensor.hex\""));
		String quotas = json(admin.run(company, work, env, "quotas", "--json"));
		assertEquals(2, quotas.split("\"firstSerial\":").length - 1, quotas);
		assertEquals("rw-------", PosixFilePermissions.toString(
				Files.getPosixFilePermissions(company.resolve("admin").resolve("admin.db"))));

		assertTrue(json(admin.run(company, work, env, "backup", "--to", "admin-backup.db", "--json"))
				.contains("\"schemaVersion\":"));
		Product.Result overwrite = admin.run(company, work, env, "restore", "--from", "admin-backup.db");
		assertEquals(1, overwrite.exitCode(), overwrite.toString());
		assertTrue(overwrite.err().contains("holds admin state already"), overwrite.toString());
		Path elsewhere = Files.createDirectories(work.resolve("company-restored"));
		String restored = json(admin.run(elsewhere, work, env, "restore", "--from", "admin-backup.db", "--json"));
		assertTrue(restored.contains("\"stations\":1,\"quotas\":2"), restored);
		// the restored folder finds the key where key.properties says and issues after the restored ranges
		String next = json(admin.run(elsewhere, work, env, "issue-quota", "--station", serial, "--product", "4242",
				"--count", "1", "--valid-until", until, "--out", "next.mquota", "--json"));
		assertTrue(next.contains("\"firstSerial\":16"), next);
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
