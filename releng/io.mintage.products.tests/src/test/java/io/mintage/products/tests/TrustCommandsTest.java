package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust chain through the two built products, as a company and a factory would run it: separate
 * state folders (MINTAGE_HOME), passphrases in environment variables, files handed over between
 * them. The OSGi tests cover every refusal; this proves the products are wired together.
 */
class TrustCommandsTest {

	private static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final String AUTHORITY_SECRET = "correct horse battery staple";
	private static final String STATION_SECRET = "tr0ub4dor&3";

	@TempDir
	Path work;

	@Test
	void fromAdminInitToASignedRecordThroughTheProducts() throws Exception {
		Product admin = Product.built("admin");
		Product station = Product.built("station");
		Path company = Files.createDirectories(work.resolve("company"));
		Path factory = Files.createDirectories(work.resolve("factory"));
		Map<String, String> adminEnv = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET);
		Map<String, String> stationEnv = Map.of("LINE3_PASS", STATION_SECRET);
		Files.writeString(work.resolve("sensor.hex"), HEX, StandardCharsets.US_ASCII);

		ok(admin.run(company, work, adminEnv, "init", "--name", "Acme Authority", "--passphrase-env",
				"ACME_AUTHORITY_PASS"));
		ok(admin.run(company, work, adminEnv, "export-anchor", "--pem", "authority.pem", "--c-header", "anchor.h"));
		assertTrue(Files.readString(work.resolve("anchor.h")).contains("Acme Authority"));
		ok(station.run(factory, work, stationEnv, "init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS"));
		ok(admin.run(company, work, adminEnv, "enrol", "Line-3.csr", "--out", "line3.pem"));
		ok(station.run(factory, work, stationEnv, "install-cert", "line3.pem", "--authority", "authority.pem"));
		ok(admin.run(company, work, adminEnv, "issue-job", "--station", "line3.pem", "--product", "4242",
				"--product-name", "Sensor", "--family", "stm32f1", "--firmware", "sensor.hex", "--count", "5",
				"--serial-start", "1", "--valid-until", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
				"--bind-firmware-hash", "--protect", "protected", "--out", "sensor.mjob"));
		ok(station.run(factory, work, stationEnv, "accept", "sensor.mjob"));
		Product.Result record = station.run(factory, work, stationEnv, "sign-record", "--uid",
				"2b0047000e51363236313533", "--json");
		ok(record);
		assertTrue(record.out().contains("\"serial\":1,") && record.out().contains("\"quotaLeft\":4"), record.toString());
		Product.Result jobs = station.run(factory, work, stationEnv, "jobs");
		ok(jobs);
		assertTrue(jobs.out().contains("ready / Sensor sensor.hex"), jobs.toString());
		assertTrue(jobs.out().contains("record options: firmware hash in records, protect 'protected' after verify"),
				jobs.toString());

		Product.Result wrongSecret = station.run(factory, work, Map.of("LINE3_PASS", "guess"), "sign-record", "--uid",
				"0102030405060708");
		assertEquals(1, wrongSecret.exitCode(), wrongSecret.toString());
		assertFalse(wrongSecret.err().contains("guess") || wrongSecret.err().contains(STATION_SECRET),
				wrongSecret.toString());
	}

	private static void ok(Product.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}
}
