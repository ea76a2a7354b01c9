package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust chain through the two built products, as a company and a factory would run it: separate
 * state folders (MINTAGE_HOME), passphrases in environment variables, files handed over between
 * them. The OSGi tests cover every refusal; this proves the products are wired together.
 */
class TrustCommandsTest {

	@TempDir
	Path work;

	@Test
	void fromAdminInitToASignedRecordThroughTheProducts() throws Exception {
		EnrolledStation line = EnrolledStation.setUp(work);
		line.sensorFirmware("sensor.hex");
		line.admin("export-anchor", "--c-header", "anchor.h");
		assertTrue(Files.readString(work.resolve("anchor.h")).contains("Acme Authority"));
		line.issueAndAccept("sensor.mjob", "--product", "4242", "--product-name", "Sensor", "--family", "stm32f1",
				"--firmware", "sensor.hex", "--count", "5", "--serial-start", "1", "--valid-until",
				EnrolledStation.inDays(30), "--bind-firmware-hash", "--protect", "protected");
		Product.Result record = line.station("sign-record", "--uid", "2b0047000e51363236313533", "--json");
		assertTrue(record.out().contains("\"serial\":1,") && record.out().contains("\"quotaLeft\":4"), record.toString());
		Product.Result jobs = line.station("jobs");
		assertTrue(jobs.out().contains("ready / Sensor sensor.hex"), jobs.toString());
		assertTrue(jobs.out().contains("record options: firmware hash in records, protect 'protected' after verify"),
				jobs.toString());

		Product.Result wrongSecret = line.station.run(line.factory, work, Map.of("LINE3_PASS", "guess"), "sign-record",
				"--uid", "0102030405060708");
		assertEquals(1, wrongSecret.exitCode(), wrongSecret.toString());
		assertFalse(wrongSecret.err().contains("guess") || wrongSecret.err().contains(EnrolledStation.STATION_SECRET),
				wrongSecret.toString());
	}
}
