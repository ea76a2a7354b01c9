package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.IssuedQuota;
import io.mintage.admin.Quota;
import io.mintage.admin.Station;
import io.mintage.admin.internal.AdminStoreComponent;

/** The schema steps: a new file gets them all, an older file is brought up with its data, a newer one refused. */
class MigrationTest {

	private static final int CURRENT = 4;

	@TempDir
	Path folder;

	@Test
	void aNewFolderGetsEveryStepInOrderAndPrivateFiles() throws Exception {
		Admin admin = Fixture.store().open(folder.resolve("admin"));
		assertEquals(CURRENT, admin.schemaVersion());
		assertEquals(List.of(List.of(1, "001-initial.sql"), List.of(2, "002-jobs.sql"), List.of(3, "003-reports.sql"),
				List.of(4, "004-waivers.sql")),
				Fixture.rows(admin.database(), "schema_version", "version").stream().map(row -> row.subList(0, 2)).toList());
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(admin.home())));
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(admin.database())));
		try (Connection connection = Fixture.raw(admin.database());
				var statement = connection.createStatement();
				var mode = statement.executeQuery("PRAGMA journal_mode")) {
			mode.next();
			assertEquals("wal", mode.getString(1));
		}
	}

	@Test
	void aVersionOneFileIsMigratedToTheCurrentVersionWithItsDataKept() throws Exception {
		AdminStoreComponent store = Fixture.component(Clock.systemUTC());
		Path home = folder.resolve("admin");
		Admin v1 = store.open(home, 1);
		assertEquals(1, v1.schemaVersion());
		assertEquals(0, Fixture.count(v1.database(),
				"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'jobs'"));
		Fixture.createAuthority(v1, folder);
		Station station = Fixture.enrol(v1, folder, "Line 3");
		v1.products().add(Fixture.SENSOR, "Sensor", "stm32f1");
		IssuedQuota quota = v1.quotas().issue(Fixture.quota(station, Fixture.SENSOR, 100));
		List<List<Object>> stationsBefore = Fixture.rows(v1.database(), "stations", "serial");
		List<List<Object>> quotasBefore = Fixture.rows(v1.database(), "quotas", "quota_id");
		List<List<Object>> auditBefore = Fixture.rows(v1.database(), "audit", "sequence");

		Admin current = store.open(home);
		assertEquals(CURRENT, current.schemaVersion());
		assertEquals(stationsBefore, Fixture.rows(current.database(), "stations", "serial"));
		assertEquals(quotasBefore, Fixture.rows(current.database(), "quotas", "quota_id"));
		assertEquals(auditBefore, Fixture.rows(current.database(), "audit", "sequence"));
		assertEquals(1, Fixture.count(current.database(),
				"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'jobs'"));
		// and the migrated database is used as any: the next quota continues after the first
		Quota next = current.quotas().issue(Fixture.quota(station, Fixture.SENSOR, 10)).quota();
		assertEquals(quota.quota().lastSerial() + 1, next.firstSerial());
		assertEquals(current.authority().require().fingerprint(), v1.authority().require().fingerprint());
	}

	@Test
	void aDatabaseOfANewerReleaseIsRefusedInPlainWords() throws Exception {
		Admin admin = Fixture.store().open(folder.resolve("admin"));
		try (Connection connection = Fixture.raw(admin.database())) {
			Fixture.execute(connection, "INSERT INTO schema_version (version, step, applied_ms) VALUES (7, '007-future.sql', 0)");
		}
		AdminStore store = Fixture.store();
		AdminException refused = assertThrows(AdminException.class, () -> store.open(folder.resolve("admin")));
		assertTrue(refused.getMessage().contains("has schema version 7, newer than this Mintage Admin knows (up to "
				+ CURRENT + ")"), refused.getMessage());
		assertTrue(refused.getMessage().contains(admin.database().toString()), refused.getMessage());
	}

	@Test
	void anSqliteFileOfSomethingElseIsRefused() throws Exception {
		Path home = Files.createDirectories(folder.resolve("admin"));
		try (Connection connection = Fixture.raw(home.resolve(AdminStore.DATABASE_FILE))) {
			Fixture.execute(connection, "CREATE TABLE recipes (name TEXT)");
		}
		AdminException refused = assertThrows(AdminException.class, () -> Fixture.store().open(home));
		assertTrue(refused.getMessage().contains("is an SQLite database but not a Mintage admin database"),
				refused.getMessage());
	}

	@Test
	void theAuditLogIsAppendOnly() throws Exception {
		Admin admin = Fixture.withAuthority(folder);
		try (Connection connection = Fixture.raw(admin.database())) {
			var refused = assertThrows(java.sql.SQLException.class,
					() -> Fixture.execute(connection, "DELETE FROM audit"));
			assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
			refused = assertThrows(java.sql.SQLException.class,
					() -> Fixture.execute(connection, "UPDATE audit SET action = 'nothing'"));
			assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
		}
		assertEquals("authority-created", admin.audit(10).get(0).action());
	}
}
