package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.Quota;
import io.mintage.admin.Station;
import io.mintage.trust.PemFiles;
import io.mintage.trust.RevocationList;

/**
 * The registers of the release before the database (docs/formats.md, "State files"): imported once on
 * first open, files kept, the import recorded; a damaged line imports nothing.
 */
class LegacyImportTest {

	private static final UUID FIRST = UUID.fromString("0b3a3f6e-1f0e-4c44-9b3a-5d1c2f7e8a90");
	private static final UUID SECOND = UUID.fromString("7c9d2e4f-5a6b-4c8d-9e0f-1a2b3c4d5e6f");

	@TempDir
	Path folder;

	Path old;
	Station line3;
	Station line4;

	/** An admin folder as the release before wrote it: the authority's files and the four registers. */
	@BeforeEach
	void writeTheOldFiles() throws Exception {
		Admin source = Fixture.withAuthority(folder);
		line3 = Fixture.enrol(source, folder, "Line 3");
		line4 = Fixture.enrol(source, folder, "Line 4");
		old = folder.resolve("old-admin");
		Path stations = Files.createDirectories(old.resolve("authority").resolve("stations"));
		for (String file : List.of("authority.pem", "key.properties")) {
			Files.copy(source.home().resolve("authority").resolve(file), old.resolve("authority").resolve(file));
		}
		for (Station station : List.of(line3, line4)) {
			PemFiles.writeCertificate(stations.resolve(station.serial() + ".pem"),
					station.certificate().orElseThrow());
		}
		Files.writeString(old.resolve("authority/quotas.tsv"),
				FIRST + "\t" + Fixture.SENSOR.value() + "\t1000\t500\t" + line3.subject() + "\n" + SECOND + "\t"
						+ Fixture.SENSOR.value() + "\t1500\t100\t" + line4.subject() + "\n",
				StandardCharsets.UTF_8);
		Files.writeString(old.resolve("authority/revocations.tsv"),
				line4.serial() + "\t2026-10-01T12:00:00Z\tkey-compromise\t" + line4.subject() + "\n", StandardCharsets.UTF_8);
		Files.writeString(old.resolve("authority/crl-number"), "4\n", StandardCharsets.US_ASCII);
	}

	@Test
	void theOldRegistersAreImportedOnceAndTheFilesKept() throws Exception {
		Admin admin = Fixture.store().open(old);
		assertEquals("CN=Test Authority", admin.authority().require().subject());
		List<Station> stations = admin.stations().list();
		assertEquals(2, stations.size(), stations.toString());
		Station revoked = admin.stations().find(line4.serial()).orElseThrow();
		assertEquals("key-compromise", revoked.revocation().orElseThrow().reason());
		assertEquals("2026-10-01T12:00:00Z", revoked.revocation().orElseThrow().revokedAt().toString());
		assertFalse(admin.stations().find(line3.serial()).orElseThrow().revoked());

		List<Quota> quotas = admin.quotas().list();
		assertEquals(2, quotas.size());
		Quota first = admin.quotas().find(FIRST).orElseThrow();
		assertTrue(first.imported());
		assertEquals(1000, first.firstSerial());
		assertEquals(500, first.count());
		assertEquals(line3.serial(), first.stationSerial().orElseThrow(), "the subject names one station");

		// the ranges of the imported quotas count: a new quota goes after them, an overlap is refused
		assertEquals(1600, admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 10)).quota().firstSerial());
		AdminException overlap = assertThrows(AdminException.class,
				() -> admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 1400, 10)));
		assertTrue(overlap.getMessage().contains("overlap quota " + FIRST), overlap.getMessage());
		// the revoked station stays revoked, and the revocation list continues the old numbering
		RevocationList list = admin.stations().revocationList(Duration.ofDays(30));
		assertEquals(BigInteger.valueOf(5), list.number());
		assertEquals(1, list.entries().size());

		assertTrue(Files.exists(old.resolve("authority/quotas.tsv")), "the old files are kept");
		assertTrue(Files.exists(old.resolve("authority/revocations.tsv")));
		assertTrue(admin.audit(100).stream().anyMatch(entry -> entry.action().equals("files-imported")
				&& entry.detail().orElseThrow().contains("2 quota(s)")), admin.audit(100).toString());

		// a line added to the old file later is not imported again: the database is the register now
		Files.writeString(old.resolve("authority/quotas.tsv"), UUID.randomUUID() + "\t" + Fixture.SENSOR.value()
				+ "\t90000\t5\t" + line3.subject() + "\n", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.APPEND);
		assertEquals(3, Fixture.store().open(old).quotas().list().size());
	}

	@Test
	void aDamagedLineImportsNothingAndSaysWhere() throws Exception {
		Files.writeString(old.resolve("authority/quotas.tsv"), "not a quota\n", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.APPEND);
		AdminException refused = assertThrows(AdminException.class, () -> Fixture.store().open(old));
		assertTrue(refused.getMessage().contains(old.resolve("authority/quotas.tsv") + " is damaged at line 3"),
				refused.getMessage());
		assertEquals(0, Fixture.count(old.resolve("admin.db"), "SELECT count(*) FROM stations"));
		assertEquals(0, Fixture.count(old.resolve("admin.db"), "SELECT count(*) FROM meta WHERE name = 'files-imported'"));
	}
}
