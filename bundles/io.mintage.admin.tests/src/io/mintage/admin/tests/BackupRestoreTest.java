package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.Backup;
import io.mintage.admin.Firmware;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.JobRequest;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.RecordOptions;

/**
 * Backup → restore gives the same database, row for row, and the authority's certificate and key location
 * beside it, with which the restored folder issues again; never the key. A folder with admin state is
 * not overwritten unless asked.
 */
class BackupRestoreTest {

	/** Every table of the current schema and the column it is ordered by. */
	static final List<List<String>> TABLES = List.of(List.of("schema_version", "version"), List.of("meta", "name"),
			List.of("authority", "id"), List.of("stations", "serial"), List.of("products", "product_id"),
			List.of("firmware", "firmware_id"), List.of("quotas", "quota_id"), List.of("jobs", "job_id"),
			List.of("audit", "sequence"));

	@TempDir
	Path folder;

	Admin admin;
	IssuedJob job;

	@BeforeEach
	void fillTheDatabase() throws Exception {
		admin = Fixture.withAuthority(folder);
		Station line3 = Fixture.enrol(admin, folder, "Line 3");
		Station line4 = Fixture.enrol(admin, folder, "Line 4");
		Firmware firmware = Fixture.sensorFirmware(admin);
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 500, Royalty.parse("0.125", "EUR")));
		job = admin.quotas().issueJob(new JobRequest(line3.serial(), firmware.id(), Optional.of("Sensor run 2"),
				new RecordOptions(true, Optional.of("protected"), false, Optional.empty(), false),
				Optional.of(Fixture.quota(line3, Fixture.SENSOR, 50)), Optional.empty(), Optional.empty()),
				ProgressMonitor.NONE);
		admin.stations().revoke(line4.serial(), "cessation-of-operation");
	}

	@Test
	void aBackupRestoredIntoAnEmptyFolderIsTheSameDatabase() throws Exception {
		Path file = folder.resolve("backups/admin-backup.db");
		List<List<List<Object>>> before = contents(admin.database());
		Backup backup = admin.backup(file, ProgressMonitor.NONE);
		assertEquals(file, backup.file());
		assertEquals(4, backup.schemaVersion());
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
		try (var files = Files.list(file.getParent())) {
			assertEquals(List.of(file), files.toList(), "no working files left beside the backup");
		}
		AdminException again = assertThrows(AdminException.class, () -> admin.backup(file, ProgressMonitor.NONE));
		assertTrue(again.getMessage().contains("exists already"), again.getMessage());

		Path elsewhere = folder.resolve("restored");
		// what the launcher makes in the state folder before any command runs is no admin state
		Files.createDirectories(elsewhere.resolve("tmp"));
		Files.createDirectories(elsewhere.resolve("cds"));
		Admin restored = Fixture.store().restore(file, elsewhere, false, ProgressMonitor.NONE);
		List<List<List<Object>>> after = contents(restored.database());
		for (int t = 0; t < TABLES.size(); t++) {
			if (TABLES.get(t).get(0).equals("audit")) {
				// the restored log is the original up to the backup, then the restore itself
				List<List<Object>> audit = after.get(t);
				assertEquals(before.get(t), audit.subList(0, before.get(t).size()));
				assertEquals("restored", audit.get(audit.size() - 1).get(2));
			} else {
				assertEquals(before.get(t), after.get(t), "table " + TABLES.get(t).get(0));
			}
		}
		for (String name : List.of("authority.pem", "key.properties")) {
			assertArrayEquals(Files.readAllBytes(admin.home().resolve("authority").resolve(name)),
					Files.readAllBytes(elsewhere.resolve("authority").resolve(name)), name);
		}
		String keyLocation = Files.readString(elsewhere.resolve("authority/key.properties"), StandardCharsets.ISO_8859_1);
		assertFalse(keyLocation.contains(Files.readString(folder.resolve("authority.pass"))), "no secret restored");
		assertEquals(admin.quotas().jobs(), restored.quotas().jobs());
		assertEquals(job.id(), restored.quotas().jobs().get(0).id());
		assertArrayEquals(job.jobPackage(), restored.quotas().jobPackage(job.id()), "the job file can be handed over again");
		assertArrayEquals(admin.quotas().quotaKey(job.quota().id()), restored.quotas().quotaKey(job.quota().id()));
		// the key is where key.properties says; the restored folder issues on, after the restored ranges
		Station line3 = restored.stations().list().get(0);
		assertEquals(551, restored.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 10)).quota().firstSerial());
		assertEquals(restored.authority().require().fingerprint(), admin.authority().require().fingerprint());
	}

	@Test
	void aFolderWithAdminStateIsReplacedOnlyWhenAsked() throws Exception {
		Path file = folder.resolve("admin-backup.db");
		admin.backup(file, ProgressMonitor.NONE);
		List<List<List<Object>>> atBackup = contents(admin.database());
		admin.products().add(Fixture.OTHER, "Later", "stm32f1");

		AdminException refused = assertThrows(AdminException.class,
				() -> Fixture.store().restore(file, admin.home(), false, ProgressMonitor.NONE));
		assertTrue(refused.getMessage().contains("holds admin state already"), refused.getMessage());
		assertTrue(admin.products().find(Fixture.OTHER).isPresent(), "nothing was changed");

		Admin replaced = Fixture.store().restore(file, admin.home(), true, ProgressMonitor.NONE);
		assertTrue(replaced.products().find(Fixture.OTHER).isEmpty(), "the state of the backup is back");
		assertEquals(atBackup.get(6), contents(replaced.database()).get(6), "quotas");
		assertTrue(replaced.audit(1).get(0).detail().orElseThrow().contains("replacing what was there"));
	}

	@Test
	void aFileThatIsNoBackupIsRefusedAndTheFolderLeftAlone() throws Exception {
		Path notABackup = Files.writeString(folder.resolve("notes.db"), "just text, not SQLite");
		Path target = folder.resolve("fresh");
		AdminException refused = assertThrows(AdminException.class,
				() -> Fixture.store().restore(notABackup, target, false, ProgressMonitor.NONE));
		assertTrue(refused.getMessage().contains(notABackup.toString()), refused.getMessage());
		assertFalse(Files.exists(target.resolve("admin.db")));
	}

	static List<List<List<Object>>> contents(Path database) throws Exception {
		List<List<List<Object>>> tables = new java.util.ArrayList<>();
		for (List<String> table : TABLES) {
			tables.add(Fixture.rows(database, table.get(0), table.get(1)));
		}
		return tables;
	}
}
