package io.mintage.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.AdminException;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Station;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.CheckedEvent;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.ProductionReportReader;
import io.mintage.trust.RecordFailure;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.ReportImport;
import io.mintage.trust.ReportVerdict;

/**
 * The admin's side of reading one report ({@link ProductionReportReader}): the events that concern
 * devices, and failed checkpoints, go in batches into a temporary table of the import's connection,
 * inside the import's one transaction, so memory stays the same whatever the report's size; at the
 * commit the checks run over that table and the admin's tables ({@link ReportChecks}). The events after
 * the station's revocation are noted as they stream by.
 */
final class ReportImporter implements ReportImport<ImportedReport> {

	/** Ledger event types (docs/formats.md, "Event types"). */
	static final String DEVICE_AUTHORIZED = "device-authorized";
	static final String DEVICE_REWORK = "device-rework";
	static final String DEVICE_COMPLETED = "device-completed";
	static final String DEVICE_FAILED = "device-failed";

	private static final int BATCH = 1000;
	/** Progress is in bytes of the file; an event is about this much DER besides its record, UID and detail. */
	private static final int EVENT_OVERHEAD_BYTES = 80;

	private final Connection connection;
	private final ReportService.Context context;
	private final ProgressMonitor monitor;
	private final long progressBudget;

	private ReportHeader header;
	private Optional<Station> station = Optional.empty();
	private PreparedStatement insert;
	private int batched;
	private long events;
	private OptionalLong firstSequence = OptionalLong.empty();
	private OptionalLong lastSequence = OptionalLong.empty();
	private final Findings afterRevocation = new Findings();
	private long progressed;

	ReportImporter(Connection connection, ReportService.Context context, ProgressMonitor monitor, long progressBudget) {
		this.connection = connection;
		this.context = context;
		this.monitor = monitor;
		this.progressBudget = progressBudget;
	}

	/** The header, once the reader handed it out. */
	Optional<ReportHeader> header() {
		return Optional.ofNullable(header);
	}

	@Override
	public void begin(ReportHeader header) {
		this.header = header;
		try {
			station = StationService.find(connection, StationService.serialOf(header.station()));
			Sql.execute(connection, "CREATE TEMP TABLE import_events (sequence INTEGER PRIMARY KEY, type TEXT NOT NULL,"
					+ " time_ms INTEGER NOT NULL, job_id TEXT NOT NULL, uid TEXT, serial INTEGER, product_id INTEGER,"
					+ " quota_id TEXT, record_check TEXT, record_failure TEXT, checkpoint_failure TEXT, detail TEXT)");
			insert = connection.prepareStatement("INSERT INTO temp.import_events (sequence, type, time_ms, job_id, uid,"
					+ " serial, product_id, quota_id, record_check, record_failure, checkpoint_failure, detail)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		} catch (SQLException e) {
			throw new ReportService.Failed(e);
		}
	}

	@Override
	public void event(CheckedEvent checked) {
		if (monitor.isCancelled()) {
			throw new ReportService.Cancelled();
		}
		ReportEvent event = checked.event();
		events++;
		if (firstSequence.isEmpty()) {
			firstSequence = OptionalLong.of(event.sequence());
		}
		lastSequence = OptionalLong.of(event.sequence());
		progress(event);
		Optional<Station.Revocation> revocation = station.flatMap(Station::revocation);
		if (revocation.isPresent() && event.time().isAfter(revocation.get().revokedAt())) {
			afterRevocation.add("event " + event.sequence() + " " + event.type() + " at " + event.time()
					+ event.uid().map(uid -> ", UID " + uid).orElse("")
					+ (event.serial().isPresent() ? ", serial " + event.serial().getAsLong() : ""));
		}
		boolean device = event.type().startsWith("device-");
		if (!device && checked.checkpointFailure().isEmpty()) {
			return;
		}
		try {
			Optional<DeviceRecord> record = checked.verifiedRecord();
			Optional<RecordFailure> failure = checked.recordFailure();
			Sql.bind(insert, event.sequence(), event.type(), event.time(), event.jobId().toString(),
					event.uid().map(Object::toString), event.serial(), record.map(r -> r.productId().value()),
					record.map(r -> r.certificate().quotaId().toString()),
					failure.map(f -> f.check().id()), failure.map(RecordFailure::toString), checked.checkpointFailure(),
					// why a device failed, for the failures after authorization; other details are not needed
					event.type().equals(DEVICE_FAILED) ? event.detail() : Optional.empty());
			insert.addBatch();
			if (++batched >= BATCH) {
				flush();
			}
		} catch (SQLException e) {
			throw new ReportService.Failed(e);
		}
	}

	@Override
	public ImportedReport commit(ReportVerdict verdict) {
		try {
			flush();
			insert.close();
			return new ReportChecks(connection, context, header, verdict, station, afterRevocation, firstSequence,
					lastSequence).judge();
		} catch (SQLException e) {
			throw new ReportService.Failed(e);
		} catch (AdminException e) {
			throw new ReportService.Failed(e);
		}
	}

	@Override
	public void abandon(Exception cause) {
		try {
			if (insert != null) {
				insert.close();
			}
			if (header != null) {
				Sql.execute(connection, "DROP TABLE IF EXISTS temp.import_events");
			}
		} catch (SQLException e) {
			cause.addSuppressed(e);
		}
	}

	long events() {
		return events;
	}

	private void flush() throws SQLException {
		if (batched > 0) {
			insert.executeBatch();
			batched = 0;
		}
	}

	/** Moves the bar by about the bytes the event took in the file, never past the budget. */
	private void progress(ReportEvent event) {
		long bytes = EVENT_OVERHEAD_BYTES + event.record().map(r -> r.length).orElse(0)
				+ event.detail().map(String::length).orElse(0) + event.uid().map(uid -> uid.length()).orElse(0);
		long step = Math.min(bytes, progressBudget - progressed);
		if (step > 0) {
			progressed += step;
			monitor.worked(step);
		}
	}
}
