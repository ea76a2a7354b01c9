package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.Firmware;
import io.mintage.admin.JobRequest;
import io.mintage.admin.Station;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.RevocationList;

/** Nothing is issued for a revoked station; the refusal names it, when it was revoked and why. */
class RevokedStationTest {

	@TempDir
	Path folder;

	@Test
	void noQuotaAndNoJobForARevokedStation() throws Exception {
		Admin admin = Fixture.withAuthority(folder);
		Station line3 = Fixture.enrol(admin, folder, "Line 3");
		Firmware firmware = Fixture.sensorFirmware(admin);
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 10));

		Station revoked = admin.stations().revoke(line3.serial(), "key-compromise");
		String when = revoked.revocation().orElseThrow().revokedAt().toString();
		AdminException quota = assertThrows(AdminException.class,
				() -> admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 10)));
		assertEquals("the station " + line3.subject() + " (serial " + line3.serial() + ") was revoked on " + when
				+ " (key-compromise); nothing is issued for it", quota.getMessage());
		AdminException job = assertThrows(AdminException.class, () -> admin.quotas().issueJob(new JobRequest(
				line3.serial(), firmware.id(), Optional.empty(), new RecordOptions(true),
				Optional.of(Fixture.quota(line3, Fixture.SENSOR, 10)), Optional.empty(), Optional.empty()),
				ProgressMonitor.NONE));
		assertTrue(job.getMessage().contains("was revoked on " + when + " (key-compromise)"), job.getMessage());
		assertEquals(1, admin.quotas().list().size(), "nothing was recorded");
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM jobs"));

		AdminException twice = assertThrows(AdminException.class,
				() -> admin.stations().revoke(line3.serial(), "superseded"));
		assertTrue(twice.getMessage().contains("is revoked already"), twice.getMessage());
		AdminException reason = assertThrows(AdminException.class,
				() -> admin.stations().revoke(line3.serial(), "bored"));
		assertTrue(reason.getMessage().contains("'bored' is not a revocation reason"), reason.getMessage());

		RevocationList list = admin.stations().revocationList(Duration.ofDays(30));
		assertEquals(1, list.entries().size());
		assertEquals(line3.certificate().orElseThrow().getSerialNumber(), list.entries().get(0).serialNumber());
		assertTrue(list.revokes(line3.certificate().orElseThrow()));
		assertEquals(2, admin.stations().revocationList(Duration.ofDays(30)).number().intValue(),
				"each list gets the next number");

		// a station enrolled since is served as before
		Station line4 = Fixture.enrol(admin, folder, "Line 4");
		assertEquals(11, admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 10)).quota().firstSerial());
	}
}
