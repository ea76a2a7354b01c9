package io.mintage.admin.internal;

import java.security.cert.CertificateEncodingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.AdminException;
import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportCounts;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.Station;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.ReportRecordCheck;
import io.mintage.trust.ReportVerdict;

/**
 * The stateful checks of one verified report, run when the reader commits, inside the import's
 * transaction: over the report's device events in {@code temp.import_events} ({@link ReportImporter})
 * and what the admin database knows (stations, quotas, jobs, earlier reports, counted devices), set by
 * set in SQL, so no check holds the report's devices in memory. Then the report is recorded with every
 * result and, unless a check failed, its devices are counted. The check ids and what each judges:
 * docs/formats.md, "Report checks".
 */
final class ReportChecks {

	/** The chain hash a station's first report continues: 32 zero bytes (docs/formats.md). */
	static final byte[] GENESIS = new byte[ReportEvent.CHAIN_HASH_LENGTH];
	static final String KEY_COMPROMISE = "key-compromise";

	/** A device counted by this report: its first completion, with what its authorization said. */
	private static final String COUNTED_TABLE = "CREATE TEMP TABLE import_counted (product_id INTEGER NOT NULL,"
			+ " uid TEXT NOT NULL, serial INTEGER NOT NULL, quota_id TEXT NOT NULL, job_id TEXT NOT NULL,"
			+ " sequence INTEGER NOT NULL, completed_ms INTEGER NOT NULL, PRIMARY KEY (product_id, uid, quota_id))";

	/** A report's station: the signer's certificate or one renewed from or to it (same key). */
	private static final String SAME_STATION = "station_serial IN (SELECT serial FROM temp.import_station)";

	private final Connection connection;
	private final ReportService.Context context;
	private final ReportHeader header;
	private final ReportVerdict verdict;
	private final Optional<Station> station;
	private final Findings afterRevocation;
	private final OptionalLong firstSequence;
	private final OptionalLong lastSequence;
	private final String stationSerial;
	private final String stationName;
	/** Set by the continuity check: this report id was counted before, from another file. */
	private boolean anotherVersion;

	ReportChecks(Connection connection, ReportService.Context context, ReportHeader header, ReportVerdict verdict,
			Optional<Station> station, Findings afterRevocation, OptionalLong firstSequence, OptionalLong lastSequence) {
		this.connection = connection;
		this.context = context;
		this.header = header;
		this.verdict = verdict;
		this.station = station;
		this.afterRevocation = afterRevocation;
		this.firstSequence = firstSequence;
		this.lastSequence = lastSequence;
		this.stationSerial = StationService.serialOf(header.station());
		this.stationName = ReportService.commonName(header.station());
	}

	/** Runs every check, records the report and its results, counts its devices unless rejected. */
	ImportedReport judge() throws SQLException, AdminException {
		// no index on the type: with a few types it is chosen over (job_id, uid) and makes look-ups scans
		Sql.execute(connection, "CREATE INDEX temp.import_events_job_uid ON import_events (job_id, uid)");
		Sql.execute(connection, COUNTED_TABLE);
		// the signer's certificate and any other enrolled for its key: one station, renewed
		Sql.execute(connection, "CREATE TEMP TABLE import_station (serial TEXT PRIMARY KEY)");
		for (String serial : StationService.serialsOfSameKey(connection, header.station())) {
			Sql.update(connection, "INSERT INTO temp.import_station (serial) VALUES (?)", serial);
		}
		countable();
		Sql.execute(connection, "CREATE INDEX temp.import_counted_serial ON import_counted (product_id, serial)");
		Sql.execute(connection, "CREATE INDEX temp.import_counted_quota ON import_counted (quota_id)");

		Findings failures = failures();
		List<ReportCheckResult> checks = List.of(signature(), station(), revocation(), chain(), continuity(), records(),
				serialRange(), quotaCount(), duplicates(), reworks(), failuresAfterAuthorization(failures)).stream()
				// a report id counts once: no waiver lets a second version of a counted report count
				.map(check -> anotherVersion && check.id().equals(ReportCheckResult.CONTINUITY) ? check
						: check.under(context.waiver()))
				.toList();
		ReportStatus status = ReportService.status(checks);
		boolean counts = status != ReportStatus.REJECTED;
		ReportCounts counted = new ReportCounts(verdict.events(), count("type = 'device-authorized'"),
				count("type = 'device-completed'"), count("type = 'device-rework'"), failures.count(),
				count("type = 'device-failed' AND serial IS NULL"),
				counts ? number("SELECT count(*) FROM temp.import_counted") : 0);

		long number = ReportService.insert(connection, new ReportService.Row(header.reportId(), context.fileSha256(),
				context.file().getFileName().toString(), stationSerial, stationName, header.signedAt(),
				context.importedAt(), status, Optional.of(header.previousChainHash()),
				Optional.of(verdict.lastChainHash()), firstSequence, lastSequence, counted), checks);
		if (counts) {
			Sql.update(connection, "INSERT INTO devices (product_id, uid, serial, quota_id, job_id, station_serial,"
					+ " report_number, sequence, completed_ms) SELECT product_id, uid, serial, quota_id, job_id, ?, ?,"
					+ " sequence, completed_ms FROM temp.import_counted", stationSerial, number);
			// the first authorization of a chip under a job is the one a later report's completion refers to
			Sql.update(connection, "INSERT OR IGNORE INTO authorized_devices (job_id, uid, serial, product_id, quota_id,"
					+ " station_serial, report_number, sequence, authorized_ms) SELECT job_id, uid, serial, product_id,"
					+ " quota_id, ?, ?, sequence, time_ms FROM temp.import_events WHERE type = 'device-authorized'"
					+ " AND record_check IS NULL AND quota_id IS NOT NULL ORDER BY sequence", stationSerial, number);
		}
		Audit.record(connection, context.importedAt(), Audit.REPORT_IMPORTED, header.reportId().toString(),
				ReportService.auditDetail(status, stationName, stationSerial, counted, context.file(), checks));
		Sql.execute(connection, "DROP TABLE temp.import_counted");
		Sql.execute(connection, "DROP TABLE temp.import_station");
		Sql.execute(connection, "DROP TABLE temp.import_events");
		return ReportService.load(connection, number).orElseThrow();
	}

	/**
	 * The devices this report would count: per chip and job its first {@code device-completed}, with the
	 * serial, product and quota of the chip's authorization under that job with a verified record — in
	 * this report or an accepted one before — unless that device (product, UID, quota) is counted already.
	 * A chip completed again (a rework) or under a second job of the same quota is counted once.
	 */
	private void countable() throws SQLException {
		Sql.update(connection, "INSERT OR IGNORE INTO temp.import_counted (product_id, uid, serial, quota_id, job_id,"
				+ " sequence, completed_ms)"
				+ " SELECT a.product_id, c.uid, a.serial, a.quota_id, c.job_id, c.sequence, c.time_ms"
				+ " FROM temp.import_events c"
				+ " JOIN (SELECT job_id, uid, serial, product_id, quota_id FROM temp.import_events"
				+ "       WHERE type = 'device-authorized' AND record_check IS NULL AND quota_id IS NOT NULL"
				+ "       UNION ALL SELECT job_id, uid, serial, product_id, quota_id FROM main.authorized_devices) a"
				+ "   ON a.job_id = c.job_id AND a.uid = c.uid"
				+ " WHERE c.type = 'device-completed' AND c.uid IS NOT NULL"
				+ "   AND NOT EXISTS (SELECT 1 FROM main.devices d WHERE d.product_id = a.product_id AND d.uid = a.uid"
				+ "                   AND d.quota_id = a.quota_id)"
				+ " ORDER BY c.sequence");
	}

	// --- the checks, in the order they are shown

	private ReportCheckResult signature() {
		return new Findings().result(ReportCheckResult.SIGNATURE, CheckOutcome.PASS, "signed by " + who() + " on "
				+ header.signedAt() + " with a station certificate of this authority; the signature holds over all "
				+ Findings.count(verdict.events(), "event", "events"));
	}

	private ReportCheckResult station() throws AdminException {
		Findings findings = new Findings();
		if (station.isEmpty()) {
			return findings.result(ReportCheckResult.STATION, CheckOutcome.FAIL, "the station " + who() + " is not"
					+ " enrolled in this admin database: enrol it or hand its certificate over, then import the report"
					+ " again");
		}
		Station known = station.get();
		if (known.certificateDer().isPresent() && !Arrays.equals(known.certificateDer().get(), der())) {
			return findings.result(ReportCheckResult.STATION, CheckOutcome.FAIL, "the admin database holds another"
					+ " certificate with serial " + stationSerial + " (" + known.subject() + ") than the one that signed"
					+ " the report");
		}
		return findings.result(ReportCheckResult.STATION, CheckOutcome.PASS, "the station " + who()
				+ " is enrolled here since " + known.enrolledAt());
	}

	private ReportCheckResult revocation() {
		Optional<Station.Revocation> revocation = station.flatMap(Station::revocation);
		if (revocation.isEmpty()) {
			return new Findings().result(ReportCheckResult.REVOCATION, CheckOutcome.PASS, "the station is not revoked");
		}
		Instant revokedAt = revocation.get().revokedAt();
		String revoked = "the station's revocation on " + revokedAt + " (" + revocation.get().reason() + ")";
		if (!afterRevocation.isEmpty()) {
			return afterRevocation.result(ReportCheckResult.REVOCATION, CheckOutcome.FAIL,
					Findings.count(afterRevocation.count(), "event comes", "events come") + " after " + revoked
							+ ": nothing of the report is counted");
		}
		if (!header.signedAt().isAfter(revokedAt)) {
			return afterRevocation.result(ReportCheckResult.REVOCATION, CheckOutcome.PASS, "signed on "
					+ header.signedAt() + ", before " + revoked);
		}
		if (KEY_COMPROMISE.equals(revocation.get().reason())) {
			return afterRevocation.result(ReportCheckResult.REVOCATION, CheckOutcome.FAIL, "signed on "
					+ header.signedAt() + " with a key revoked as compromised, after " + revoked
					+ ": whoever holds the key could have written it");
		}
		return afterRevocation.result(ReportCheckResult.REVOCATION, CheckOutcome.WARN, "signed on " + header.signedAt()
				+ ", after " + revoked + "; every event precedes the revocation");
	}

	private ReportCheckResult chain() throws SQLException {
		Findings findings = new Findings();
		each("SELECT checkpoint_failure FROM temp.import_events WHERE checkpoint_failure IS NOT NULL ORDER BY sequence",
				row -> findings.add(row.getString(1)));
		String checkpoints = Findings.count(verdict.checkpointsVerified(), "checkpoint", "checkpoints");
		return findings.failOrPass(ReportCheckResult.CHAIN,
				Findings.count(findings.count(), "checkpoint does", "checkpoints do") + " not hold: history under them"
						+ " was rewritten after the station signed them",
				Findings.count(verdict.events(), "event", "events") + " chained from " + shortHex(header.previousChainHash())
						+ " to " + shortHex(verdict.lastChainHash()) + "; " + checkpoints
						+ " verified with the station key");
	}

	private ReportCheckResult continuity() throws SQLException {
		Findings findings = new Findings();
		String id = header.reportId().toString();
		each("SELECT file_sha256, imported_ms FROM reports WHERE report_id = ? AND status <> 'rejected'",
				row -> findings.add("report " + id + " was imported on " + Instant.ofEpochMilli(row.getLong(2))
						+ " from another file (SHA-256 " + row.getString(1) + "): this file is another version of it,"
						+ " signed again"), id);
		anotherVersion = !findings.isEmpty();
		byte[] previous = header.previousChainHash();
		Optional<Counted> last = lastCounted();
		String passed;
		if (last.isEmpty()) {
			if (!Arrays.equals(previous, GENESIS)) {
				findings.add("the first report of the station imported here continues chain hash " + shortHex(previous)
						+ ", not the genesis value"
						+ (firstSequence.isPresent() && firstSequence.getAsLong() > 1
								? ": events 1 to " + (firstSequence.getAsLong() - 1) + " are in reports not imported"
										+ " here; import those first, in order"
								: ""));
			}
			passed = "the station's first report here: its chain starts at the genesis value";
		} else {
			Counted before = last.get();
			if (!Arrays.equals(previous, before.lastChainHash())) {
				Optional<String> filled = gapFilled();
				if (filled.isPresent()) {
					return findings.failOrPass(ReportCheckResult.CONTINUITY,
							"the report does not continue what this station reported before", filled.get());
				}
				findings.add(discontinuity(before));
			}
			passed = "continues report " + before.reportId() + " (imported on " + before.importedAt()
					+ "), which ended at event " + before.lastEvent();
		}
		return findings.failOrPass(ReportCheckResult.CONTINUITY,
				"the report does not continue what this station reported before", passed);
	}

	/** What is wrong when this report does not start where {@code before}, the station's chain head, ends. */
	private String discontinuity(Counted before) throws SQLException {
		byte[] previous = header.previousChainHash();
		long lastEvent = before.lastEvent();
		if (firstSequence.isPresent() && firstSequence.getAsLong() > lastEvent + 1) {
			return "events " + (lastEvent + 1) + " to " + (firstSequence.getAsLong() - 1) + " are in no imported report:"
					+ " a report of the station was skipped (the last accepted one, " + before.reportId() + ", ends at"
					+ " event " + lastEvent + "); import it first";
		}
		Optional<String> continued = text("SELECT report_id FROM reports WHERE " + SAME_STATION + " AND status"
				+ " <> 'rejected' AND last_chain_hash = ? ORDER BY number DESC LIMIT 1", previous);
		return continued.isPresent()
				? "it continues report " + continued.get() + ", not the last accepted report " + before.reportId()
						+ ": the history after report " + continued.get() + " was rewritten and reported again"
				: "its previous chain hash " + shortHex(previous) + " is not where the last accepted report "
						+ before.reportId() + " ended (" + shortHex(before.lastChainHash())
						+ "): the history before it was rewritten";
	}

	/**
	 * The summary when this report is one that was skipped and arrives after the administrator counted
	 * the next one with {@code continuity} waived: it starts where a counted report of the station ends
	 * (or at the genesis value), ends where that next one starts, and no counted report starts where it
	 * starts (else it would be another version of history already reported).
	 */
	private Optional<String> gapFilled() throws SQLException {
		byte[] previous = header.previousChainHash();
		byte[] last = verdict.lastChainHash();
		if (Arrays.equals(previous, last)) {
			return Optional.empty();
		}
		Optional<String> next = text("SELECT report_id FROM reports WHERE " + SAME_STATION + " AND status <> 'rejected'"
				+ " AND previous_chain_hash = ? ORDER BY number LIMIT 1", last);
		Optional<String> before = Arrays.equals(previous, GENESIS) ? Optional.of("the genesis value")
				: text("SELECT 'report ' || report_id FROM reports WHERE " + SAME_STATION + " AND status <> 'rejected'"
						+ " AND last_chain_hash = ? ORDER BY number DESC LIMIT 1", previous);
		boolean continuedAlready = number("SELECT count(*) FROM reports WHERE " + SAME_STATION + " AND status <>"
				+ " 'rejected' AND previous_chain_hash = ?", previous) > 0;
		if (next.isEmpty() || before.isEmpty() || continuedAlready) {
			return Optional.empty();
		}
		return Optional.of("fills the gap between " + before.get() + " and report " + next.get() + ", which was counted"
				+ " before it arrived");
	}

	private ReportCheckResult records() throws SQLException {
		Findings findings = new Findings();
		// one query in event order, so findings read as the report does
		each("SELECT e.sequence, e.uid, e.serial, e.job_id, e.quota_id, e.record_check, e.record_failure, e.type,"
				+ " q.quota_id AS known, q.station_serial, q.station_subject, j.quota_id AS job_quota,"
				+ " q.station_serial IN (SELECT serial FROM temp.import_station) AS this_station,"
				+ " (SELECT count(*) FROM temp.import_events a WHERE a.type = 'device-authorized' AND a.job_id = e.job_id"
				+ "    AND a.uid = e.uid) + (SELECT count(*) FROM main.authorized_devices a WHERE a.job_id = e.job_id"
				+ "    AND a.uid = e.uid) AS authorizations"
				+ " FROM temp.import_events e LEFT JOIN quotas q ON q.quota_id = e.quota_id"
				+ " LEFT JOIN jobs j ON j.job_id = e.job_id"
				+ " WHERE e.type IN ('device-authorized', 'device-completed') ORDER BY e.sequence", row -> {
					String event = event(row);
					String type = row.getString("type");
					if (type.equals(ReportImporter.DEVICE_COMPLETED)) {
						if (row.getLong("authorizations") == 0) {
							findings.add(event + ": device-completed under job " + row.getString("job_id") + ", but this"
									+ " report and the accepted ones before it authorize no such chip under that job");
						}
						return;
					}
					String check = row.getString("record_check");
					if (check != null) {
						if (!ReportRecordCheck.SERIAL_RANGE.id().equals(check)) {
							findings.add(row.getString("record_failure"));
						}
						return;
					}
					String quota = row.getString("quota_id");
					if (row.getString("known") == null) {
						findings.add(event + ": its record is of quota " + quota + ", which is not in this admin"
								+ " database");
					} else if (!issuedToThisStation(row)) {
						findings.add(event + ": its record is of quota " + quota + ", issued to "
								+ row.getString("station_subject") + ", not to the station " + who());
					} else if (row.getString("job_quota") != null && !row.getString("job_quota").equals(quota)) {
						findings.add(event + ": job " + row.getString("job_id") + " carries quota " + row.getString("job_quota")
								+ ", the record is of quota " + quota);
					}
				});
		long checked = verdict.recordsVerified() + verdict.recordsRefused();
		return findings.failOrPass(ReportCheckResult.RECORDS,
				Findings.count(findings.count(), "device record or completion does", "device records or completions do")
						+ " not hold",
				Findings.count(checked, "device record", "device records") + " verified (authority and batch"
						+ " signatures, product, serial, UID, validity), each of a quota issued to this station");
	}

	private ReportCheckResult serialRange() throws SQLException {
		Findings findings = new Findings();
		each("SELECT e.sequence, e.uid, e.serial, e.record_failure, q.quota_id, q.first_serial, q.serial_count"
				+ " FROM temp.import_events e LEFT JOIN quotas q ON q.quota_id = e.quota_id"
				+ " WHERE e.record_check = ? OR (e.type = 'device-authorized' AND e.record_check IS NULL"
				+ "   AND (e.serial < q.first_serial OR e.serial >= q.first_serial + q.serial_count))"
				+ " ORDER BY e.sequence", row -> {
					String failure = row.getString("record_failure");
					findings.add(failure != null ? failure
							: event(row) + ": outside quota " + row.getString("quota_id") + "'s serials "
									+ row.getLong("first_serial") + " to "
									+ (row.getLong("first_serial") + row.getLong("serial_count") - 1));
				}, ReportRecordCheck.SERIAL_RANGE.id());
		long authorized = count("type = 'device-authorized'");
		return findings.failOrPass(ReportCheckResult.SERIAL_RANGE,
				Findings.count(findings.count(), "serial lies", "serials lie") + " outside the quota's range",
				"every serial of the " + Findings.count(authorized, "device", "devices")
						+ " authorized lies within its quota's range");
	}

	private ReportCheckResult quotaCount() throws SQLException {
		Findings over = new Findings();
		Findings within = new Findings();
		each("SELECT c.quota_id, count(*) AS added, q.serial_count, q.first_serial, q.product_id,"
				+ " (SELECT count(*) FROM main.devices d WHERE d.quota_id = c.quota_id) AS before"
				+ " FROM temp.import_counted c JOIN quotas q ON q.quota_id = c.quota_id"
				+ " GROUP BY c.quota_id ORDER BY c.quota_id", row -> {
					long total = row.getLong("before") + row.getLong("added");
					long allowed = row.getLong("serial_count");
					String text = "quota " + row.getString("quota_id") + " (product " + row.getLong("product_id")
							+ ", serials " + row.getLong("first_serial") + " to "
							+ (row.getLong("first_serial") + allowed - 1) + "): " + total + " of " + allowed
							+ " devices counted over all reports, " + row.getLong("added") + " by this one";
					if (total > allowed) {
						over.add(text);
					} else {
						within.add(text);
					}
				});
		if (!over.isEmpty()) {
			return over.result(ReportCheckResult.QUOTA_COUNT, CheckOutcome.FAIL, Findings.count(over.count(),
					"quota would count", "quotas would count") + " more devices than it allows");
		}
		return within.result(ReportCheckResult.QUOTA_COUNT, CheckOutcome.PASS,
				Findings.count(within.count(), "quota", "quotas") + " of this report within its count");
	}

	private ReportCheckResult duplicates() throws SQLException {
		Findings findings = new Findings();
		// CROSS JOIN: SQLite then keeps this report's devices as the outer loop and looks each up in
		// devices by its index, instead of scanning every device ever counted
		String elsewhere = " JOIN reports r ON r.number = d.report_number LEFT JOIN stations s ON s.serial = d.station_serial";
		each("SELECT c.sequence, c.uid, c.serial, c.product_id, c.quota_id, d.quota_id AS other_quota, d.serial AS"
				+ " other_serial, r.report_id, coalesce(s.subject, d.station_serial) AS other_station"
				+ " FROM temp.import_counted c CROSS JOIN main.devices d ON d.product_id = c.product_id AND d.uid = c.uid"
				+ elsewhere + " WHERE d.quota_id <> c.quota_id OR d.station_serial <> ? ORDER BY c.sequence", row ->
				findings.add("UID " + row.getString("uid") + " of product " + row.getLong("product_id") + " (event "
						+ row.getLong("sequence") + ", serial " + row.getLong("serial") + ", quota "
						+ row.getString("quota_id") + ") is counted already under station "
						+ row.getString("other_station") + ", quota " + row.getString("other_quota") + ", serial "
						+ row.getLong("other_serial") + " (report " + row.getString("report_id") + ")"),
				stationSerial);
		each("SELECT c.sequence, c.uid, c.serial, c.product_id, c.quota_id, o.sequence AS other_sequence, o.quota_id AS"
				+ " other_quota FROM temp.import_counted c JOIN temp.import_counted o ON o.product_id = c.product_id"
				+ " AND o.uid = c.uid AND o.sequence < c.sequence ORDER BY c.sequence", row ->
				findings.add("UID " + row.getString("uid") + " of product " + row.getLong("product_id") + " is completed"
						+ " under quota " + row.getString("other_quota") + " (event " + row.getLong("other_sequence")
						+ ") and again under quota " + row.getString("quota_id") + " (event " + row.getLong("sequence")
						+ ", serial " + row.getLong("serial") + ")"));
		each("SELECT c.sequence, c.uid, c.serial, c.product_id, d.uid AS other_uid, r.report_id,"
				+ " coalesce(s.subject, d.station_serial) AS other_station FROM temp.import_counted c"
				+ " CROSS JOIN main.devices d ON d.product_id = c.product_id AND d.serial = c.serial AND d.uid <> c.uid"
				+ elsewhere + " ORDER BY c.sequence", row ->
				findings.add("serial " + row.getLong("serial") + " of product " + row.getLong("product_id") + " (event "
						+ row.getLong("sequence") + ", UID " + row.getString("uid") + ") is counted already for UID "
						+ row.getString("other_uid") + " under station " + row.getString("other_station") + " (report "
						+ row.getString("report_id") + ")"));
		each("SELECT c.sequence, c.uid, c.serial, c.product_id, o.sequence AS other_sequence, o.uid AS other_uid"
				+ " FROM temp.import_counted c JOIN temp.import_counted o ON o.product_id = c.product_id"
				+ " AND o.serial = c.serial AND o.uid <> c.uid AND o.sequence < c.sequence ORDER BY c.sequence", row ->
				findings.add("serial " + row.getLong("serial") + " of product " + row.getLong("product_id")
						+ " is completed for UID " + row.getString("other_uid") + " (event " + row.getLong("other_sequence")
						+ ") and again for UID " + row.getString("uid") + " (event " + row.getLong("sequence") + ")"));
		long devices = number("SELECT count(*) FROM temp.import_counted");
		return findings.failOrPass(ReportCheckResult.DUPLICATES,
				Findings.count(findings.count(), "UID or serial is", "UIDs or serials are") + " counted twice",
				"no UID or serial of the " + Findings.count(devices, "device", "devices")
						+ " this report counts is counted under another station, quota or chip");
	}

	private ReportCheckResult reworks() throws SQLException {
		Findings findings = new Findings();
		each("SELECT sequence, uid, serial, job_id FROM temp.import_events WHERE type = 'device-rework'"
				+ " ORDER BY sequence", row -> findings.add(event(row) + ": programmed again under job "
						+ row.getString("job_id") + " with the same record"));
		return findings.result(ReportCheckResult.REWORKS, CheckOutcome.PASS, findings.isEmpty() ? "no reworks"
				: Findings.count(findings.count(), "device was", "devices were") + " programmed again after a failed"
						+ " attempt (same UID, same record, no quota used; each counted once)");
	}

	private static ReportCheckResult failuresAfterAuthorization(Findings failures) {
		return failures.isEmpty()
				? failures.result(ReportCheckResult.FAILURES_AFTER_AUTHORIZATION, CheckOutcome.PASS,
						"every device authorized was completed")
				: failures.result(ReportCheckResult.FAILURES_AFTER_AUTHORIZATION, CheckOutcome.WARN,
						Findings.count(failures.count(), "device was", "devices were") + " authorized and never"
								+ " completed (" + (failures.count() == 1 ? "its serial is" : "their serials are")
								+ " used)");
	}

	/** Devices this report authorized, failed or reworked that no report completed: one finding each. */
	private Findings failures() throws SQLException {
		Findings findings = new Findings();
		each("SELECT t.job_id, t.uid, min(t.sequence) AS sequence, max(t.serial) AS serial,"
				+ " (SELECT f.detail FROM temp.import_events f WHERE f.type = 'device-failed' AND f.job_id = t.job_id"
				+ "    AND f.uid = t.uid ORDER BY f.sequence DESC LIMIT 1) AS failure"
				+ " FROM temp.import_events t WHERE t.uid IS NOT NULL AND t.serial IS NOT NULL"
				+ "   AND t.type IN ('device-authorized', 'device-rework', 'device-failed')"
				+ "   AND NOT EXISTS (SELECT 1 FROM temp.import_events c WHERE c.type = 'device-completed'"
				+ "                   AND c.job_id = t.job_id AND c.uid = t.uid)"
				+ "   AND NOT EXISTS (SELECT 1 FROM main.devices d WHERE d.job_id = t.job_id AND d.uid = t.uid)"
				+ " GROUP BY t.job_id, t.uid ORDER BY min(t.sequence)", row -> findings.add("UID "
						+ row.getString("uid") + ", serial " + row.getLong("serial") + " (job " + row.getString("job_id")
						+ ", from event " + row.getLong("sequence") + "): never completed"
						+ (row.getString("failure") != null ? "; last failure: " + row.getString("failure") : "")));
		return findings;
	}

	// --- helpers

	/**
	 * The head of this station's chain among the reports that counted (accepted or flagged): the one
	 * reaching the furthest event ({@code lastEvent}, 0 when none has events).
	 */
	private record Counted(String reportId, byte[] lastChainHash, Instant importedAt, long lastEvent) {
	}

	private Optional<Counted> lastCounted() throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, "SELECT report_id, last_chain_hash, imported_ms,"
				+ " coalesce(last_sequence, 0) AS last_event FROM reports WHERE " + SAME_STATION
				// the furthest event reported, not the newest import: a skipped report may come later
				+ " AND status <> 'rejected' ORDER BY last_event DESC, number DESC LIMIT 1");
				ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(new Counted(row.getString(1), row.getBytes(2),
					Instant.ofEpochMilli(row.getLong(3)), row.getLong(4))) : Optional.empty();
		}
	}

	private boolean issuedToThisStation(ResultSet row) throws SQLException {
		// an imported quota knows only the subject its register line named
		return row.getString("station_serial") != null ? row.getBoolean("this_station")
				: row.getString("station_subject").equals(header.station().getSubjectX500Principal().getName());
	}

	private String who() {
		return "'" + stationName + "' (certificate serial " + stationSerial + ")";
	}

	private byte[] der() throws AdminException {
		try {
			return header.station().getEncoded();
		} catch (CertificateEncodingException e) {
			throw new AdminException("the certificate of " + who() + " cannot be encoded: " + e.getMessage(), e);
		}
	}

	/** "event 17, UID 2B00…, serial 65536" from a row with sequence, uid and serial. */
	private static String event(ResultSet row) throws SQLException {
		String uid = row.getString("uid");
		long serial = row.getLong("serial");
		boolean hasSerial = !row.wasNull();
		return "event " + row.getLong("sequence") + (uid != null ? ", UID " + uid : "")
				+ (hasSerial ? ", serial " + serial : "");
	}

	static String shortHex(byte[] hash) {
		return HexFormat.of().formatHex(hash, 0, 8) + "…";
	}

	private long count(String where) throws SQLException {
		return number("SELECT count(*) FROM temp.import_events WHERE " + where);
	}

	private long number(String sql, Object... values) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, sql, values); ResultSet row = query.executeQuery()) {
			return row.next() ? row.getLong(1) : 0;
		}
	}

	private Optional<String> text(String sql, Object... values) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, sql, values); ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
		}
	}

	private interface RowAction {
		void accept(ResultSet row) throws SQLException;
	}

	private void each(String sql, RowAction action, Object... values) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, sql, values); ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				action.accept(rows);
			}
		}
	}
}
