package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.CheckOutcome;
import io.mintage.admin.Firmware;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportCounts;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.ReportWaiver;
import io.mintage.admin.Royalty;
import io.mintage.core.DeviceUid;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ReportEvent;

/**
 * The anomaly set: synthetic reports made with the real trust classes and real keys, as a station
 * writes them and as a station (or someone with its database, or its key) should never write them;
 * each anomaly is caught and named by its check id with a plain-words summary, a clean report counts
 * exactly, and nothing counts twice.
 */
class ReportImportTest {

	@TempDir
	Path folder;

	private Admin admin;
	private Firmware firmware;
	private SyntheticStation line3;
	private final List<SyntheticStation> stations = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		admin = Fixture.withAuthority(folder);
		firmware = Fixture.sensorFirmware(admin);
		line3 = station("Line 3", 0x0e513632);
	}

	@AfterEach
	void close() {
		stations.forEach(SyntheticStation::close);
	}

	private SyntheticStation station(String name, int uidPrefix) throws Exception {
		SyntheticStation station = SyntheticStation.enrol(admin, folder, name, uidPrefix);
		stations.add(station);
		return station;
	}

	@Test
	void aCleanReportIsAcceptedWithExactCountsAndNothingCountsTwice() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 100, Optional.of(Royalty.parse("0.125", "EUR")));
		for (int i = 0; i < 9; i++) {
			line3.device(job, line3.newUid());
		}
		// a chip that lost contact after its record was signed, then programmed again with the same record
		DeviceUid reworked = line3.newUid();
		long serial = line3.authorize(job, reworked);
		line3.fail(job, reworked, serial, "verify");
		line3.rework(job, reworked, serial);
		line3.complete(job, reworked, serial, true);
		line3.refused(job, line3.newUid());
		line3.checkpoint();
		Path file = line3.report();

		ImportedReport report = importIt(file);
		assertEquals(ReportStatus.ACCEPTED, report.status(), () -> describe(report));
		assertEquals(ReportCheckResult.IDS, report.checks().stream().map(ReportCheckResult::id).toList(),
				"every check, in order");
		for (ReportCheckResult check : report.checks()) {
			assertEquals(CheckOutcome.PASS, check.outcome(), check.id() + ": " + check.summary());
		}
		assertEquals(new ReportCounts(line3.ledger.size(), 10, 10, 1, 0, 1, 10), report.counts());
		assertFalse(report.alreadyImported());
		assertEquals("Line 3", report.station());
		assertEquals(line3.station.serial(), report.stationSerial());
		assertTrue(report.check(ReportCheckResult.REWORKS).orElseThrow().summary()
				.startsWith("1 device was programmed again after a failed attempt"));
		assertEquals(List.of("event 22, UID " + reworked + ", serial " + serial + ": programmed again under job "
				+ job.id + " with the same record"), report.check(ReportCheckResult.REWORKS).orElseThrow().findings());
		assertTrue(report.check(ReportCheckResult.CHAIN).orElseThrow().summary().endsWith("; 1 checkpoint verified with"
				+ " the station key"), report.check(ReportCheckResult.CHAIN).orElseThrow().summary());
		assertEquals("the station's first report here: its chain starts at the genesis value",
				report.check(ReportCheckResult.CONTINUITY).orElseThrow().summary());
		assertEquals(10, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		assertEquals("report-imported", admin.audit(1).get(0).action());
		assertEquals(report.reportId().toString(), admin.audit(1).get(0).subject());

		// the next report continues it
		for (int i = 0; i < 3; i++) {
			line3.device(job, line3.newUid());
		}
		ImportedReport next = importIt(line3.report());
		assertEquals(ReportStatus.ACCEPTED, next.status(), () -> describe(next));
		assertEquals(3, next.counts().counted());
		assertTrue(next.check(ReportCheckResult.CONTINUITY).orElseThrow().summary().startsWith("continues report "
				+ report.reportId()), next.check(ReportCheckResult.CONTINUITY).orElseThrow().summary());

		// the same file again: the earlier import, nothing counted again, nothing recorded
		ImportedReport again = importIt(file);
		assertTrue(again.alreadyImported());
		assertEquals(report.reportId(), again.reportId());
		assertEquals(report.counts(), again.counts());
		assertEquals(2, admin.reports().list().size());
		assertEquals(13, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		assertEquals(report, admin.reports().find(report.reportId()).orElseThrow());
		assertEquals(List.of(report.reportId(), next.reportId()),
				admin.reports().list().stream().map(ImportedReport::reportId).toList(), "oldest first");
	}

	@Test
	void aSkippedReportIsAGapAndTheNextReportCountsNothingUntilTheSkippedOneIsImported() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 100, Optional.empty());
		line3.device(job, line3.newUid());
		Path first = line3.report();
		line3.device(job, line3.newUid());
		Path skipped = line3.report();
		line3.device(job, line3.newUid());
		Path third = line3.report();

		assertEquals(ReportStatus.ACCEPTED, importIt(first).status());
		ImportedReport gap = importIt(third);
		assertEquals(ReportStatus.REJECTED, gap.status());
		ReportCheckResult continuity = assertCheck(gap, ReportCheckResult.CONTINUITY, CheckOutcome.FAIL,
				"the report does not continue what this station reported before");
		assertEquals(1, continuity.findingCount());
		assertTrue(continuity.findings().get(0).startsWith("events 4 to 5 are in no imported report: a report of the"
				+ " station was skipped"), continuity.findings().get(0));
		assertEquals(0, gap.counts().counted());
		assertEquals(1, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));

		// once the skipped one is in, the rejected one is checked again and counts
		assertEquals(ReportStatus.ACCEPTED, importIt(skipped).status());
		ImportedReport retried = importIt(third);
		assertFalse(retried.alreadyImported(), "a rejected import is checked again");
		assertEquals(ReportStatus.ACCEPTED, retried.status(), () -> describe(retried));
		assertEquals(3, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		assertEquals(ReportStatus.ACCEPTED, admin.reports().find(retried.reportId()).orElseThrow().status(),
				"find gives the import that counted");
		assertEquals(4, admin.reports().list().size(), "every import is kept");
	}

	@Test
	void historyRewrittenAndReportedAgainIsCaughtByContinuity() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 100, Optional.empty());
		DeviceUid uid = line3.newUid();
		line3.device(job, uid);
		line3.device(job, line3.newUid());
		ProductionReport original = line3.issue(UUID.randomUUID(), SyntheticStation.GENESIS, line3.ledger, line3.signer);
		assertEquals(ReportStatus.ACCEPTED, importIt(line3.write(original)).status());

		// the same events, one changed, reported again from the start under a new id
		List<ReportEvent> changed = new ArrayList<>(line3.ledger);
		ReportEvent completion = changed.get(2);
		changed.set(2, new ReportEvent(completion.sequence(), completion.type(), completion.time(), completion.jobId(),
				completion.uid(), completion.serial(), completion.record(), Optional.of("site 7")));
		ImportedReport rewritten = importIt(line3.write(line3.issue(UUID.randomUUID(), SyntheticStation.GENESIS, changed,
				line3.signer)));
		assertEquals(ReportStatus.REJECTED, rewritten.status());
		ReportCheckResult continuity = assertCheck(rewritten, ReportCheckResult.CONTINUITY, CheckOutcome.FAIL,
				"the report does not continue what this station reported before");
		assertTrue(continuity.findings().get(0).contains("is not where the last accepted report " + original.reportId()
				+ " ended"), continuity.findings().get(0));
		assertTrue(continuity.findings().get(0).endsWith("the history before it was rewritten"));

		// and under the same id, signed again: a second version of a report already counted
		ImportedReport resigned = importIt(line3.write(line3.issue(original.reportId(), SyntheticStation.GENESIS,
				changed, line3.signer)));
		assertEquals(ReportStatus.REJECTED, resigned.status());
		List<String> findings = resigned.check(ReportCheckResult.CONTINUITY).orElseThrow().findings();
		assertTrue(findings.get(0).startsWith("report " + original.reportId() + " was imported on "), findings.get(0));
		assertTrue(findings.get(0).endsWith("this file is another version of it, signed again"), findings.get(0));
		assertEquals(2, Fixture.count(admin.database(), "SELECT count(*) FROM devices"), "counted once, by the original");
		assertEquals(ReportStatus.ACCEPTED, admin.reports().find(original.reportId()).orElseThrow().status());

		// no waiver counts a second version of a counted report
		ImportedReport waived = admin.reports().importReport(line3.write(line3.issue(original.reportId(),
				SyntheticStation.GENESIS, changed, line3.signer)), ReportWaiver.of(List.of(ReportCheckResult.CONTINUITY),
						"try anyway"), ProgressMonitor.NONE);
		assertEquals(ReportStatus.REJECTED, waived.status(), () -> describe(waived));
		assertFalse(waived.check(ReportCheckResult.CONTINUITY).orElseThrow().waived());
		assertEquals(ReportStatus.ACCEPTED, admin.reports().find(original.reportId()).orElseThrow().status());
	}

	@Test
	void eventsRewrittenUnderACheckpointFailTheChainCheck() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 100, Optional.empty());
		line3.device(job, line3.newUid());
		line3.device(job, line3.newUid());
		line3.checkpoint();
		line3.device(job, line3.newUid());
		// someone with the ledger file, not the key, changes device 2's completion and recomputes the chain;
		// the station signs what its ledger then holds
		ReportEvent completion = line3.ledger.get(4);
		assertEquals("device-completed", completion.type());
		line3.ledger.set(4, new ReportEvent(completion.sequence(), completion.type(), completion.time(),
				completion.jobId(), completion.uid(), completion.serial(), completion.record(), Optional.of("site 4")));
		ImportedReport report = importIt(line3.report());
		assertEquals(ReportStatus.REJECTED, report.status());
		ReportCheckResult chain = assertCheck(report, ReportCheckResult.CHAIN, CheckOutcome.FAIL,
				"1 checkpoint does not hold: history under them was rewritten after the station signed them");
		assertEquals(1, chain.findings().size());
		assertTrue(chain.findings().get(0).startsWith("checkpoint 6 of the production report ("), chain.findings().get(0));
		assertTrue(chain.findings().get(0).endsWith("the signature does not verify with the station certificate over"
				+ " the chain hash of event 5 (history before it was rewritten)"), chain.findings().get(0));
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void theSameUidUnderTwoStationsIsADuplicate() throws Exception {
		SyntheticStation line4 = station("Line 4", 0x11111111);
		SyntheticStation.Job job3 = line3.job(firmware, 100, Optional.empty());
		SyntheticStation.Job job4 = line4.job(firmware, 100, Optional.empty());
		DeviceUid shared = line3.newUid();
		long serial3 = line3.device(job3, shared);
		line3.device(job3, line3.newUid());
		assertEquals(ReportStatus.ACCEPTED, importIt(line3.report()).status());

		long serial4 = line4.device(job4, shared);
		line4.device(job4, line4.newUid());
		ImportedReport report = importIt(line4.report());
		assertEquals(ReportStatus.REJECTED, report.status());
		ReportCheckResult duplicates = assertCheck(report, ReportCheckResult.DUPLICATES, CheckOutcome.FAIL,
				"1 UID or serial is counted twice");
		assertEquals(List.of("UID " + shared + " of product " + Fixture.SENSOR.value() + " (event 3, serial " + serial4
				+ ", quota " + job4.quota.terms().quotaId() + ") is counted already under station CN=Line 3, quota "
				+ job3.quota.terms().quotaId() + ", serial " + serial3 + " (report "
				+ admin.reports().list().get(0).reportId() + ")"), duplicates.findings());
		assertEquals(CheckOutcome.PASS, report.check(ReportCheckResult.RECORDS).orElseThrow().outcome());
		assertEquals(2, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void aSerialOutsideItsQuotaIsNamed() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		DeviceUid uid = line3.newUid();
		long beyond = job.firstSerial() + 10;
		line3.authorize(job, uid, beyond, SyntheticStation.signedAnyway(job, beyond, uid));
		line3.complete(job, uid, beyond, false);
		ImportedReport report = importIt(line3.report());
		assertEquals(ReportStatus.REJECTED, report.status());
		ReportCheckResult range = assertCheck(report, ReportCheckResult.SERIAL_RANGE, CheckOutcome.FAIL,
				"1 serial lies outside the quota's range");
		assertEquals(1, range.findings().size());
		assertTrue(range.findings().get(0).startsWith("event 4, UID " + uid + ", serial " + beyond + ": serial-range: "),
				range.findings().get(0));
		assertEquals(CheckOutcome.PASS, report.check(ReportCheckResult.RECORDS).orElseThrow().outcome(),
				"the record's other checks are not repeated");
	}

	@Test
	void moreDevicesThanTheQuotaAllowsAreNamed() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 3, Optional.empty());
		for (int i = 0; i < 3; i++) {
			line3.device(job, line3.newUid());
		}
		// the ledger's newest events were cut off: serials handed out again, to other chips
		DeviceUid fourth = line3.newUid();
		line3.authorize(job, fourth, job.firstSerial(), job.records.sign(new io.mintage.core.SerialNumber(
				job.firstSerial()), fourth, Optional.empty()).encode());
		line3.complete(job, fourth, job.firstSerial(), false);
		ImportedReport report = importIt(line3.report());
		assertEquals(ReportStatus.REJECTED, report.status());
		ReportCheckResult count = assertCheck(report, ReportCheckResult.QUOTA_COUNT, CheckOutcome.FAIL,
				"1 quota would count more devices than it allows");
		assertEquals(List.of("quota " + job.quota.terms().quotaId() + " (product " + Fixture.SENSOR.value() + ", serials "
				+ job.firstSerial() + " to " + (job.firstSerial() + 2) + "): 4 of 3 devices counted over all reports, 4 by"
				+ " this one"), count.findings());
		ReportCheckResult duplicates = assertCheck(report, ReportCheckResult.DUPLICATES, CheckOutcome.FAIL,
				"1 UID or serial is counted twice");
		assertEquals("serial " + job.firstSerial() + " of product " + Fixture.SENSOR.value() + " is completed for UID "
				+ line3.uid(0) + " (event 3) and again for UID " + fourth + " (event 9)", duplicates.findings().get(0));
	}

	@Test
	void aForgedRecordIsNamedWithItsEventAndTheReportCountsNothing() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		long serial = job.firstSerial() + 1;
		DeviceUid uid = forgedDevice(job);
		ImportedReport report = importIt(line3.report());
		assertEquals(ReportStatus.REJECTED, report.status());
		ReportCheckResult records = assertCheck(report, ReportCheckResult.RECORDS, CheckOutcome.FAIL,
				"1 device record or completion does not hold");
		assertTrue(records.findings().get(0).startsWith("event 4, UID " + uid + ", serial " + serial
				+ ": batch-signature: the record is not signed by the batch key its certificate names"),
				records.findings().get(0));
		assertEquals(0, report.counts().counted());
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void aRejectedReportImportedAgainWithAWaiverCountsWhatHoldsAndTheNextReportContinuesIt() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.of(Royalty.parse("0.50", "EUR")));
		line3.device(job, line3.newUid());
		line3.device(job, line3.newUid());
		DeviceUid forgedUid = forgedDevice(job);
		Path first = line3.report();
		line3.device(job, line3.newUid());
		Path second = line3.report();

		ImportedReport rejected = importIt(first);
		assertEquals(ReportStatus.REJECTED, rejected.status());
		ImportedReport stuck = importIt(second);
		assertEquals(ReportStatus.REJECTED, stuck.status(), "it continues a report that is not counted");
		assertEquals(CheckOutcome.FAIL, stuck.check(ReportCheckResult.CONTINUITY).orElseThrow().outcome());

		String reason = "the forged record of UID " + forgedUid + " is taken up with the factory; the rest is owed";
		ImportedReport waived = admin.reports().importReport(first,
				ReportWaiver.of(List.of(ReportCheckResult.RECORDS), reason), ProgressMonitor.NONE);
		assertEquals(ReportStatus.FLAGGED, waived.status(), () -> describe(waived));
		assertFalse(waived.alreadyImported());
		ReportCheckResult records = waived.check(ReportCheckResult.RECORDS).orElseThrow();
		assertEquals(CheckOutcome.WARN, records.outcome());
		assertEquals(Optional.of(reason), records.waivedFor());
		assertEquals("waived by the administrator (" + reason + "): 1 device record or completion does not hold",
				records.summary());
		assertTrue(records.findings().get(0).contains("UID " + forgedUid), "the finding is kept");
		assertEquals(2, waived.counts().counted(), "the forged device is not counted, waiver or not");
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM devices WHERE uid = '" + forgedUid + "'"));
		assertEquals(1, Fixture.count(admin.database(), "SELECT count(*) FROM report_waivers"));
		assertTrue(admin.audit(1).get(0).detail().orElseThrow().endsWith("; the administrator waived records ("
				+ reason + ")"), admin.audit(1).get(0).detail().orElseThrow());
		assertEquals(waived, admin.reports().find(waived.reportId()).orElseThrow(), "the waiver is read back");
		assertTrue(admin.reports().list().get(0).checks().stream().noneMatch(ReportCheckResult::waived),
				"the rejected import stays as it was");

		ImportedReport next = importIt(second);
		assertEquals(ReportStatus.ACCEPTED, next.status(), () -> describe(next));
		assertTrue(next.check(ReportCheckResult.CONTINUITY).orElseThrow().summary().startsWith("continues report "
				+ waived.reportId()));
		assertEquals(3, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		assertTrue(importIt(first).alreadyImported(), "counted now: imported again, nothing counts twice");
	}

	@Test
	void aReportAfterARejectedOneThatStaysUncountedIsCountedWhenItsContinuityIsWaived() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		forgedDevice(job);
		Path forged = line3.report();
		line3.device(job, line3.newUid());
		line3.device(job, line3.newUid());
		Path after = line3.report();
		line3.device(job, line3.newUid());
		Path later = line3.report();

		assertEquals(ReportStatus.REJECTED, importIt(forged).status());
		String reason = "report of week 46 refused as forged; the factory's later production is counted";
		ImportedReport waived = admin.reports().importReport(after,
				ReportWaiver.of(List.of(ReportCheckResult.CONTINUITY), reason), ProgressMonitor.NONE);
		assertEquals(ReportStatus.FLAGGED, waived.status(), () -> describe(waived));
		assertEquals(Optional.of(reason), waived.check(ReportCheckResult.CONTINUITY).orElseThrow().waivedFor());
		assertEquals(2, waived.counts().counted());
		ImportedReport next = importIt(later);
		assertEquals(ReportStatus.ACCEPTED, next.status(), () -> describe(next));
		assertEquals(3, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void aSkippedReportThatArrivesAfterTheNextWasCountedFillsTheGapAndNothingElseDoes() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		Path first = line3.report();
		int skippedFrom = line3.ledger.size();
		line3.device(job, line3.newUid());
		Path skipped = line3.report();
		line3.device(job, line3.newUid());
		Path third = line3.report();
		line3.device(job, line3.newUid());
		Path fourth = line3.report();

		assertEquals(ReportStatus.ACCEPTED, importIt(first).status());
		assertEquals(ReportStatus.REJECTED, importIt(third).status());
		ImportedReport waived = admin.reports().importReport(third, ReportWaiver.of(List.of(ReportCheckResult.CONTINUITY),
				"the report of week 46 is lost in the mail; the factory sends it again"), ProgressMonitor.NONE);
		assertEquals(ReportStatus.FLAGGED, waived.status(), () -> describe(waived));

		ImportedReport late = importIt(skipped);
		assertEquals(ReportStatus.ACCEPTED, late.status(), () -> describe(late));
		assertEquals("fills the gap between report " + admin.reports().list().get(0).reportId() + " and report "
				+ waived.reportId() + ", which was counted before it arrived",
				late.check(ReportCheckResult.CONTINUITY).orElseThrow().summary());
		assertEquals(3, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		assertEquals(ReportStatus.ACCEPTED, importIt(fourth).status(), "the fourth continues the third");
		assertEquals(4, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
		// the skipped events reported again under another id: the gap is filled already
		Path again = line3.write(line3.issue(java.util.UUID.randomUUID(), line3.chainAt(skippedFrom),
				line3.ledger.subList(skippedFrom, skippedFrom + 2), line3.signer));
		ImportedReport twice = importIt(again);
		assertEquals(ReportStatus.REJECTED, twice.status(), "a gap is filled once");
		assertEquals(CheckOutcome.FAIL, twice.check(ReportCheckResult.CONTINUITY).orElseThrow().outcome());
	}

	@Test
	void onlyWhatAReportSaysCanBeWaivedAndOnlyWithAReason() throws Exception {
		IllegalArgumentException signature = assertThrows(IllegalArgumentException.class,
				() -> ReportWaiver.of(List.of(ReportCheckResult.SIGNATURE), "trust me"));
		assertEquals("the check 'signature' cannot be waived: only continuity, records, serial-range, quota-count,"
				+ " duplicates can", signature.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ReportWaiver.of(List.of(ReportCheckResult.CHAIN), "x"));
		assertThrows(IllegalArgumentException.class, () -> ReportWaiver.of(List.of(ReportCheckResult.STATION), "x"));
		assertThrows(IllegalArgumentException.class, () -> ReportWaiver.of(List.of(ReportCheckResult.REVOCATION), "x"));
		assertEquals("there is no check 'continuty'; the ones that can be waived: continuity, records, serial-range,"
				+ " quota-count, duplicates", assertThrows(IllegalArgumentException.class,
						() -> ReportWaiver.of(List.of("continuty"), "typo")).getMessage());
		assertEquals("say why the checks continuity, quota-count are waived: the reason is recorded with the report",
				assertThrows(IllegalArgumentException.class, () -> ReportWaiver.of(List.of(
						ReportCheckResult.QUOTA_COUNT, ReportCheckResult.CONTINUITY), "  ")).getMessage());

		// a waiver of a check that holds changes nothing
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		ImportedReport clean = admin.reports().importReport(line3.report(),
				ReportWaiver.of(List.of(ReportCheckResult.CONTINUITY), "just in case"), ProgressMonitor.NONE);
		assertEquals(ReportStatus.ACCEPTED, clean.status());
		assertTrue(clean.checks().stream().noneMatch(ReportCheckResult::waived));
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM report_waivers"));
	}

	@Test
	void aStationWithARenewedCertificateContinuesItsReportsAndItsQuotas() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		ImportedReport first = importIt(line3.report());
		assertEquals(ReportStatus.ACCEPTED, first.status());
		String oldSerial = line3.station.serial();
		// devices made under the old certificate's job, then the certificate renewed for the same key
		line3.device(job, line3.newUid());
		line3.renew();
		assertNotEquals(oldSerial, line3.station.serial());
		SyntheticStation.Job renewedJob = line3.job(firmware, 10, Optional.empty());
		line3.device(renewedJob, line3.newUid());

		ImportedReport second = importIt(line3.report());
		assertEquals(ReportStatus.ACCEPTED, second.status(), () -> describe(second));
		assertEquals(line3.station.serial(), second.stationSerial());
		assertTrue(second.check(ReportCheckResult.CONTINUITY).orElseThrow().summary().startsWith("continues report "
				+ first.reportId()));
		assertEquals(2, second.counts().counted(), "the old quota's device and the new one's");

		// another station is not taken for it
		SyntheticStation impostor = station("Line 4", 0x0e513699);
		SyntheticStation.Job itsJob = impostor.job(firmware, 10, Optional.empty());
		impostor.device(itsJob, impostor.newUid());
		ImportedReport own = importIt(impostor.report());
		assertEquals("the station's first report here: its chain starts at the genesis value",
				own.check(ReportCheckResult.CONTINUITY).orElseThrow().summary());
	}

	/** A device whose record is signed by a key that is not its batch key; returns its UID. */
	private DeviceUid forgedDevice(SyntheticStation.Job job) throws Exception {
		DeviceUid uid = line3.newUid();
		long serial = job.nextSerial();
		if (!line3.keys.aliases().contains("thief")) {
			line3.keys.generateKeyPair("thief");
		}
		DeviceRecord.Content content = new DeviceRecord.Content(job.product(), new io.mintage.core.SerialNumber(serial),
				uid, Optional.empty(), job.quota.batchCertificate());
		byte[] forged = new DeviceRecord(content, io.mintage.trust.EcdsaSigningKey.inBackend(line3.keys, "thief")
				.sign(content.signedBytes())).encode();
		line3.authorize(job, uid, serial, forged);
		line3.complete(job, uid, serial, false);
		return uid;
	}

	@Test
	void aReportOfAnotherStationsJobSignedWithItsOwnKeyIsNamed() throws Exception {
		SyntheticStation line4 = station("Line 4", 0x11111111);
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		// Line 4 signs, with its own key and certificate, what Line 3 produced
		ProductionReport stolen = line3.issue(UUID.randomUUID(), SyntheticStation.GENESIS, line3.ledger, line4.signer);
		ImportedReport report = importIt(line3.write(stolen));
		assertEquals(ReportStatus.REJECTED, report.status());
		assertEquals("Line 4", report.station());
		ReportCheckResult records = assertCheck(report, ReportCheckResult.RECORDS, CheckOutcome.FAIL,
				"1 device record or completion does not hold");
		assertEquals("event 2, UID " + line3.uid(0) + ", serial " + job.firstSerial() + ": its record is of quota "
				+ job.quota.terms().quotaId() + ", issued to CN=Line 3, not to the station 'Line 4' (certificate serial "
				+ line4.station.serial() + ")", records.findings().get(0));
	}

	@Test
	void aReportSignedWithAnotherStationsKeyIsRecordedAsRejectedUnderTheIdItClaims() throws Exception {
		SyntheticStation line4 = station("Line 4", 0x11111111);
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		// Line 3's certificate in the report, Line 4's key made the signature
		CmsSigner impostor = new CmsSigner(new SignsWithAnother(line3.keys, line4.keys), "station",
				line3.station.certificate().orElseThrow());
		UUID id = UUID.randomUUID();
		Path file = line3.signedWithoutCheck(id, line3.ledger, impostor);
		ImportedReport report = importIt(file);
		assertEquals(ReportStatus.REJECTED, report.status());
		assertEquals(id, report.reportId());
		assertEquals("Line 3", report.station(), "the station it claims");
		assertEquals(List.of(ReportCheckResult.SIGNATURE), report.checks().stream().map(ReportCheckResult::id).toList());
		ReportCheckResult signature = report.checks().get(0);
		assertEquals(CheckOutcome.FAIL, signature.outcome());
		assertEquals("the production report (" + file + ") is not signed by 'CN=Line 3': the signature does not"
				+ " verify, so it was changed after signing", signature.summary());
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void eventsAfterTheStationsRevocationFailAndAReportSignedAfterItIsFlagged() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		Path before = line3.report();
		Instant revokedAt = admin.stations().revoke(line3.station.serial(), "cessation-of-operation").revocation()
				.orElseThrow().revokedAt();
		line3.signAt(revokedAt.plusSeconds(30));
		ImportedReport late = importIt(before);
		assertEquals(ReportStatus.ACCEPTED, late.status(), "signed before the revocation");

		line3.device(job, line3.newUid());
		ImportedReport lastWords = importIt(line3.report());
		assertEquals(ReportStatus.FLAGGED, lastWords.status(), () -> describe(lastWords));
		assertCheck(lastWords, ReportCheckResult.REVOCATION, CheckOutcome.WARN, "signed on "
				+ revokedAt.plusSeconds(30) + ", after the station's revocation on " + revokedAt
				+ " (cessation-of-operation); every event precedes the revocation");
		assertEquals(1, lastWords.counts().counted());

		line3.at(revokedAt.plusSeconds(5));
		DeviceUid after = line3.newUid();
		line3.device(job, after);
		ImportedReport afterRevocation = importIt(line3.report());
		assertEquals(ReportStatus.REJECTED, afterRevocation.status());
		ReportCheckResult revocation = assertCheck(afterRevocation, ReportCheckResult.REVOCATION, CheckOutcome.FAIL,
				"2 events come after the station's revocation on " + revokedAt
						+ " (cessation-of-operation): nothing of the report is counted");
		assertTrue(revocation.findings().get(0).startsWith("event 6 device-authorized at " + revokedAt.plusSeconds(5)
				+ ", UID " + after), revocation.findings().get(0));
		assertEquals(2, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void aDeviceAuthorizedAndNeverCompletedFlagsTheReportAndCountsWhenCompletedLater() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 10, Optional.empty());
		line3.device(job, line3.newUid());
		DeviceUid failed = line3.newUid();
		long serial = line3.authorize(job, failed);
		line3.fail(job, failed, serial, "verify");
		ImportedReport report = importIt(line3.report());
		assertEquals(ReportStatus.FLAGGED, report.status(), () -> describe(report));
		ReportCheckResult failures = assertCheck(report, ReportCheckResult.FAILURES_AFTER_AUTHORIZATION,
				CheckOutcome.WARN, "1 device was authorized and never completed (its serial is used)");
		assertEquals(List.of("UID " + failed + ", serial " + serial + " (job " + job.id + ", from event 4): never"
				+ " completed; last failure: site 1, step verify: lost contact"), failures.findings());
		assertEquals(new ReportCounts(5, 2, 1, 0, 1, 0, 1), report.counts());

		// the chip comes back in the next batch: a rework of the record reported before, counted now
		line3.rework(job, failed, serial);
		line3.complete(job, failed, serial, true);
		ImportedReport next = importIt(line3.report());
		assertEquals(ReportStatus.ACCEPTED, next.status(), () -> describe(next));
		assertEquals(1, next.counts().counted());
		assertEquals(2, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));
	}

	@Test
	void aCancelledImportRecordsNothingAndAFileThatIsNoReportIsRefused() throws Exception {
		SyntheticStation.Job job = line3.job(firmware, 100, Optional.empty());
		for (int i = 0; i < 20; i++) {
			line3.device(job, line3.newUid());
		}
		Path file = line3.report();
		long size = Files.size(file);
		ProgressMonitor cancelling = new ProgressMonitor() {
			long done;

			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long work) {
				done += work;
			}

			@Override
			public boolean isCancelled() {
				// after the hashing, amid the events
				return done > size + 1000;
			}
		};
		assertThrows(OperationCancelledException.class, () -> admin.reports().importReport(file, cancelling));
		assertTrue(admin.reports().list().isEmpty());
		assertEquals(0, Fixture.count(admin.database(), "SELECT count(*) FROM devices"));

		Path junk = folder.resolve("junk.mreport");
		Files.write(junk, new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 });
		AdminException refused = assertThrows(AdminException.class, () -> importIt(junk));
		assertTrue(refused.getMessage().startsWith("the production report (" + junk + ")"), refused.getMessage());
		assertTrue(refused.getMessage().endsWith("; nothing was recorded"), refused.getMessage());
		assertTrue(admin.reports().list().isEmpty());
		assertEquals(ReportStatus.ACCEPTED, importIt(file).status(), "and the report imports when not cancelled");
	}

	// --- helpers

	private ImportedReport importIt(Path file) throws Exception {
		return admin.reports().importReport(file, ProgressMonitor.NONE);
	}

	private static ReportCheckResult assertCheck(ImportedReport report, String id, CheckOutcome outcome,
			String summary) {
		ReportCheckResult check = report.check(id).orElseThrow(() -> new AssertionError("no check " + id + ": "
				+ describe(report)));
		assertEquals(outcome, check.outcome(), () -> id + ": " + check.summary() + " " + check.findings());
		assertEquals(summary, check.summary());
		assertEquals(check.findingCount(), check.findings().size(), "fewer than 100 findings here");
		return check;
	}

	static String describe(ImportedReport report) {
		StringBuilder text = new StringBuilder(report.status() + " " + report.counts());
		for (ReportCheckResult check : report.checks()) {
			text.append("\n  ").append(check.id()).append(' ').append(check.outcome()).append(": ").append(check.summary());
			check.findings().forEach(finding -> text.append("\n    ").append(finding));
		}
		return text.toString();
	}

	/** One key store's public key with another's signatures: a report signed by the wrong station key. */
	private record SignsWithAnother(SigningKeys named, SigningKeys signing) implements SigningKeys {

		@Override
		public String type() {
			return "impostor";
		}

		@Override
		public List<String> aliases() {
			return List.of("station");
		}

		@Override
		public PublicKey publicKey(String alias) throws GeneralSecurityException {
			return named.publicKey("station");
		}

		@Override
		public byte[] sign(String alias, byte[] data) throws GeneralSecurityException {
			return signing.sign("station", data);
		}
	}
}
