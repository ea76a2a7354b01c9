package io.mintage.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.io.PrivateFiles;
import io.mintage.ledger.internal.ChainVerifier;
import io.mintage.ledger.internal.Checkpoints;
import io.mintage.ledger.internal.EventTable;
import io.mintage.ledger.internal.EventTable.Tail;
import io.mintage.ledger.internal.LedgerDatabase;
import io.mintage.ledger.internal.ReportTable;
import io.mintage.ledger.internal.Transactions;
import io.mintage.ledger.internal.WriterLock;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.SerialRange;
import io.mintage.trust.TrustException;

/**
 * The station's append-only production ledger: one SQLite file (docs/formats.md, "Station ledger")
 * whose events are hash-chained exactly as production reports chain them ({@link ReportEvent#chainHash},
 * from 32 zero bytes), checkpointed by the station key, and extracted into signed production reports.
 * Every write is one SQLite transaction that is on disk when the method returns, so a station killed at
 * any moment loses nothing it was told was done.
 * <p>
 * One process writes ({@link #open}, guarded by a lock file); any number read ({@link #openReadOnly}),
 * also while the writer runs. A writing ledger is safe for any number of threads in its process (the
 * sites of a gang): writes are serialised, reads run beside them. Nothing per event is kept in memory.
 */
public final class Ledger implements AutoCloseable {

	/** The ledger's file name in the station's state folder: {@code $MINTAGE_HOME/station/ledger.db}. */
	public static final String FILE_NAME = "ledger.db";

	/** Makes the device record for the serial the ledger reserved. */
	public interface RecordMaker {
		byte[] make(SerialNumber serial) throws Exception;
	}

	/** Signs a checkpoint's message (a chain hash) with the station key: DER ECDSA-SHA256. */
	public interface CheckpointSigner {
		byte[] sign(byte[] message) throws Exception;
	}

	/**
	 * A chip UID's authorization in a job: its serial and record. {@code sequence} is the sequence of the
	 * {@code device-authorized} event, also when {@code rework} says the UID came back and got the same
	 * record again. {@code record} is copied in and out.
	 */
	public record Authorization(UUID jobId, DeviceUid uid, SerialNumber serial, byte[] record, boolean rework,
			long sequence) {

		public Authorization {
			Objects.requireNonNull(jobId, "jobId");
			Objects.requireNonNull(uid, "uid");
			Objects.requireNonNull(serial, "serial");
			record = record.clone();
		}

		@Override
		public byte[] record() {
			return record.clone();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Authorization that && that.jobId.equals(jobId) && that.uid.equals(uid)
					&& that.serial.equals(serial) && Arrays.equals(that.record, record) && that.rework == rework
					&& that.sequence == sequence;
		}

		@Override
		public int hashCode() {
			return Objects.hash(jobId, uid, serial, Arrays.hashCode(record), rework, sequence);
		}

		@Override
		public String toString() {
			return (rework ? "rework of UID " : "UID ") + uid + " in job " + jobId + ": serial " + serial
					+ " (event " + sequence + ")";
		}
	}

	/** Devices completed, failed and reworked since an instant, and in total. */
	public record Counters(long completed, long failed, long reworked, long completedTotal, long failedTotal,
			long reworkedTotal) {
	}

	/** What {@link #verify} found: how much it checked and the first problems in plain words, if any. */
	public record Verification(long events, long checkpoints, Optional<String> problem) {

		public Verification {
			Objects.requireNonNull(problem, "problem");
		}

		public boolean intact() {
			return problem.isEmpty();
		}
	}

	private final Path file;
	private final Clock clock;
	private final WriterLock writerLock;
	private final Connection writer;
	private final Connection reader;
	private final Object writing = new Object();
	/** The last committed event, where the next one continues; writers only, changed under {@link #writing}. */
	private volatile Tail tail;
	private volatile boolean closed;

	private Ledger(Path file, Clock clock, WriterLock writerLock, Connection writer, Connection reader, Tail tail) {
		this.file = file;
		this.clock = clock;
		this.writerLock = writerLock;
		this.writer = writer;
		this.reader = reader;
		this.tail = tail;
	}

	/**
	 * Opens the ledger for writing, creating the file (mode 0600, folder 0700) and its tables when new.
	 * Holds an exclusive lock on {@code FILE.lock} until closed, so a second station process is refused.
	 */
	public static Ledger open(Path file, Clock clock) throws LedgerException {
		Objects.requireNonNull(clock, "clock");
		Path ledgerFile = file.toAbsolutePath().normalize();
		try {
			PrivateFiles.createFolders(ledgerFile.getParent());
		} catch (IOException e) {
			throw new LedgerException("the ledger " + ledgerFile + " cannot be created: its folder cannot be made ("
					+ e.getMessage() + ")", e);
		}
		WriterLock lock = WriterLock.take(ledgerFile);
		Connection writer = null;
		Connection reader = null;
		try {
			writer = LedgerDatabase.openWriter(ledgerFile);
			LedgerDatabase.createOrCheckSchema(writer, ledgerFile);
			Tail tail = EventTable.tail(writer);
			reader = LedgerDatabase.openReader(ledgerFile);
			return new Ledger(ledgerFile, clock, lock, writer, reader, tail);
		} catch (LedgerException | SQLException | RuntimeException e) {
			LedgerException failure = e instanceof LedgerException ledger ? ledger
					: new LedgerException("the ledger " + ledgerFile + " cannot be opened: " + e.getMessage(), e);
			closeAll(failure, reader, writer, lock);
			throw failure;
		}
	}

	/**
	 * A view that only reads (status, verify, a report preview), also while a station writes: it sees each
	 * transaction the writer has committed. {@link #append} and the other writes refuse.
	 */
	public static Ledger openReadOnly(Path file) throws LedgerException {
		Path ledgerFile = file.toAbsolutePath().normalize();
		Connection reader = LedgerDatabase.openReader(ledgerFile);
		try {
			LedgerDatabase.checkSchema(reader, ledgerFile);
		} catch (LedgerException e) {
			closeAll(e, reader);
			throw e;
		}
		return new Ledger(ledgerFile, Clock.systemUTC(), null, null, reader, null);
	}

	public Path file() {
		return file;
	}

	public boolean readOnly() {
		return writer == null;
	}

	/**
	 * Appends one event; its sequence, time (the ledger's clock) and chain hash are given here. On disk
	 * when this returns. {@code device-authorized} and {@code checkpoint} events are written by
	 * {@link #authorize} and {@link #checkpoint} only, which keep the quota and the signatures right.
	 */
	public ReportEvent append(String type, UUID jobId, Optional<DeviceUid> uid, OptionalLong serial,
			Optional<byte[]> record, Optional<String> detail) throws LedgerException {
		Objects.requireNonNull(type, "type");
		if (type.equals(LedgerEventTypes.DEVICE_AUTHORIZED) || type.equals(LedgerEventTypes.CHECKPOINT)) {
			throw new IllegalArgumentException("a " + type + " event is written by "
					+ (type.equals(LedgerEventTypes.CHECKPOINT) ? "checkpoint" : "authorize") + ", not appended");
		}
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(record, "record");
		Objects.requireNonNull(detail, "detail");
		return write("append an event", "the " + type + " event could not be appended",
				appending -> appending.append(type, jobId, uid, serial, record, detail));
	}

	/**
	 * The quota step, in one transaction that holds SQLite's write lock from its start (so N sites of one
	 * station never take the same serial): a UID the job has authorized before gets a {@code device-rework}
	 * event (same serial, this detail) and its earlier authorization with {@code rework} true, without
	 * calling {@code maker} and without using quota; otherwise, while serials are left, the next serial
	 * ({@code range.first + used}) is reserved, {@code maker} makes the record for it inside the
	 * transaction, and a {@code device-authorized} event (UID, serial, record, detail) is committed. If the
	 * maker fails, nothing is written and the serial stays free. Returns only once the commit is on disk.
	 *
	 * @throws QuotaExhaustedException when every serial of the range is used; nothing is written
	 */
	public Authorization authorize(UUID jobId, SerialRange range, DeviceUid uid, String detail, RecordMaker maker)
			throws LedgerException, QuotaExhaustedException {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(range, "range");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(maker, "maker");
		Optional<String> details = Optional.ofNullable(detail);
		return write("authorize a device", "UID " + uid + " of job " + jobId + " could not be authorized", appending -> {
			Connection connection = appending.connection;
			Optional<Authorization> earlier = EventTable.authorization(connection, jobId, uid);
			if (earlier.isPresent()) {
				Authorization first = earlier.get();
				appending.append(LedgerEventTypes.DEVICE_REWORK, jobId, Optional.of(uid),
						OptionalLong.of(first.serial().value()), Optional.empty(), details);
				return new Authorization(jobId, uid, first.serial(), first.record(), true, first.sequence());
			}
			long used = EventTable.used(connection, jobId);
			if (used >= range.count()) {
				throw new QuotaExhaustedException(jobId, range.count());
			}
			SerialNumber serial = new SerialNumber(range.first().value() + used);
			byte[] record;
			try {
				record = maker.make(serial);
			} catch (Exception e) {
				throw new LedgerException("the record for UID " + uid + " (serial " + serial + " of job " + jobId
						+ ") could not be made, so nothing was written and the serial stays free: " + e.getMessage(), e);
			}
			if (record == null) {
				throw new LedgerException("the record for UID " + uid + " (serial " + serial + " of job " + jobId
						+ ") came back empty, so nothing was written and the serial stays free");
			}
			ReportEvent authorized = appending.append(LedgerEventTypes.DEVICE_AUTHORIZED, jobId, Optional.of(uid),
					OptionalLong.of(serial.value()), Optional.of(record), details);
			return new Authorization(jobId, uid, serial, record, false, authorized.sequence());
		});
	}

	/** The job's authorization of the UID, if it has one. */
	public Optional<Authorization> authorization(UUID jobId, DeviceUid uid) throws LedgerException {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(uid, "uid");
		return read("the authorization of UID " + uid + " in job " + jobId + " cannot be read",
				connection -> EventTable.authorization(connection, jobId, uid));
	}

	/** The serials the job has used: the number of distinct UIDs it has authorized. */
	public long used(UUID jobId) throws LedgerException {
		Objects.requireNonNull(jobId, "jobId");
		return read("the quota used by job " + jobId + " cannot be counted", connection -> EventTable.used(connection,
				jobId));
	}

	/**
	 * Completed, failed and reworked devices ({@code device-completed}, {@code device-failed},
	 * {@code device-rework} events) of one job or all, since {@code since} (a shift's start, midnight) and
	 * in total; counted by SQLite from indexed columns.
	 */
	public Counters counters(Optional<UUID> jobId, Instant since) throws LedgerException {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(since, "since");
		return read("the counters cannot be read", connection -> EventTable.counters(connection, jobId, since));
	}

	/** The newest {@code count} events, newest last. */
	public List<ReportEvent> latest(int count) throws LedgerException {
		if (count < 0) {
			throw new IllegalArgumentException("a number of events is not negative, not " + count);
		}
		return read("its latest events cannot be read", connection -> {
			try {
				return EventTable.latest(connection, count);
			} catch (EventTable.UnreadableRowException e) {
				throw unreadable(e);
			}
		});
	}

	/**
	 * Hands every event from {@code fromSequence} on to {@code each}, in order, one at a time from SQLite's
	 * cursor (a connection of its own, so other reads and writes go on meanwhile).
	 */
	public void forEach(long fromSequence, Consumer<ReportEvent> each) throws LedgerException {
		Objects.requireNonNull(each, "each");
		requireOpen();
		try (Scan scan = new Scan()) {
			EventTable.scan(scan.connection, fromSequence, row -> {
				try {
					each.accept(EventTable.read(row).event());
				} catch (EventTable.UnreadableRowException e) {
					throw unreadable(e);
				}
			});
		} catch (SQLException e) {
			throw new LedgerException("the ledger " + file + ": its events cannot be read (" + e.getMessage() + ")", e);
		}
	}

	/** The sequence of the last event, 0 when there is none. */
	public long lastSequence() {
		return currentTail().sequence();
	}

	/** The chain hash of the last event; 32 zero bytes when there is none. */
	public byte[] lastChainHash() {
		return currentTail().chainHash();
	}

	/**
	 * Appends a {@code checkpoint} event: its record is {@code signer}'s signature over the chain hash of the
	 * event before it, its detail names that event ("signs the chain hash of event N"), its job the nil UUID.
	 */
	public ReportEvent checkpoint(CheckpointSigner signer) throws LedgerException {
		Objects.requireNonNull(signer, "signer");
		return write("append a checkpoint", "the checkpoint could not be appended", appending -> {
			Tail before = appending.tail;
			byte[] signature;
			try {
				signature = signer.sign(before.chainHash());
			} catch (Exception e) {
				throw new LedgerException("the ledger " + file + ": the checkpoint after event " + before.sequence()
						+ " could not be signed: " + e.getMessage(), e);
			}
			if (signature == null || signature.length == 0) {
				throw new LedgerException("the ledger " + file + ": the checkpoint after event " + before.sequence()
						+ " got no signature from the station key");
			}
			return appending.append(LedgerEventTypes.CHECKPOINT, Checkpoints.NO_JOB, Optional.empty(),
					OptionalLong.empty(), Optional.of(signature), Optional.of(Checkpoints.detail(before.sequence())));
		});
	}

	/**
	 * The production report of the events after the last recorded report (all when none was recorded),
	 * signed by the station, continuing that report's last chain hash (32 zero bytes for the first). Each
	 * event's chain hash is checked against the ledger on the way; a changed or missing row stops the
	 * report. Does not record it: call {@link #reported} once the report is written. The report holds its
	 * events in memory (it is one signed object).
	 */
	public ProductionReport report(CmsSigner station, UUID reportId) throws LedgerException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(reportId, "reportId");
		requireOpen();
		List<ReportEvent> events = new ArrayList<>();
		Tail start;
		try (Scan scan = new Scan()) {
			start = Transactions.snapshot(scan.connection, file, "its events cannot be read for a report", connection -> {
				Tail from = ReportTable.continuation(connection);
				Tail[] chain = { from };
				EventTable.scan(connection, from.sequence() + 1, row -> {
					EventTable.Row read;
					try {
						read = EventTable.read(row);
					} catch (EventTable.UnreadableRowException e) {
						throw unreadable(e);
					}
					long sequence = read.event().sequence();
					long expected = chain[0].sequence() + 1;
					if (sequence != expected) {
						throw new LedgerException("the ledger " + file + " is damaged: "
								+ (sequence == expected + 1 ? "event " + expected + " is missing"
										: "events " + expected + " to " + (sequence - 1) + " are missing")
								+ "; no report is made (run verify)");
					}
					byte[] hash = read.event().chainHash(chain[0].chainHash());
					if (!Arrays.equals(hash, read.chainHash())) {
						throw new LedgerException("the ledger " + file + " is damaged: event " + sequence
								+ ": its chain hash does not match its content (the row was changed); no report is made"
								+ " (run verify)");
					}
					chain[0] = new Tail(sequence, hash);
					events.add(read.event());
				});
				return from;
			});
		}
		try {
			return ProductionReport.issue(station, reportId, start.chainHash(), events, clock);
		} catch (TrustException e) {
			throw new LedgerException("the production report of the ledger " + file + " (events " + (start.sequence() + 1)
					+ " on) cannot be signed: " + e.getMessage(), e);
		}
	}

	/**
	 * Records that {@code report} was written, so that the next report continues where it ends. It must
	 * continue the last recorded report and end at the ledger's own chain hash.
	 */
	public void reported(ProductionReport report) throws LedgerException {
		Objects.requireNonNull(report, "report");
		UUID reportId = report.reportId();
		write("record a report", "report " + reportId + " could not be recorded", appending -> {
			Connection connection = appending.connection;
			if (ReportTable.contains(connection, reportId)) {
				throw new LedgerException("the ledger " + file + " has recorded report " + reportId + " already");
			}
			Tail start = ReportTable.continuation(connection);
			if (!Arrays.equals(start.chainHash(), report.previousChainHash())) {
				throw new LedgerException("report " + reportId + " does not continue the last report recorded in the"
						+ " ledger " + file + " (it starts from another chain hash than event " + start.sequence()
						+ " ended with): was another report made since?");
			}
			List<ReportEvent> events = report.events();
			if (!events.isEmpty() && events.get(0).sequence() != start.sequence() + 1) {
				throw new LedgerException("report " + reportId + " starts at event " + events.get(0).sequence()
						+ ", but the ledger " + file + " continues its reports at event " + (start.sequence() + 1));
			}
			long last = events.isEmpty() ? start.sequence() : events.get(events.size() - 1).sequence();
			byte[] stored = last == 0 ? EventTable.GENESIS : EventTable.chainHashOf(connection, last).orElse(null);
			if (stored == null || !Arrays.equals(stored, report.lastChainHash())) {
				throw new LedgerException("report " + reportId + " ends at event " + last + " with another chain hash than"
						+ " the ledger " + file + " has there: it is not this ledger's report");
			}
			ReportTable.insert(connection, reportId, last, report.lastChainHash(), events.size(), clock.instant());
			return null;
		});
	}

	/**
	 * Recomputes the whole chain from the rows, checks that no sequence number is missing, checks every
	 * checkpoint's signature with {@code station}, and every recorded report against the events it ended
	 * with. Problems are named with the event ("event 17: its chain hash does not match its content (the
	 * row was changed)").
	 */
	public Verification verify(X509Certificate station) throws LedgerException {
		Objects.requireNonNull(station, "station");
		requireOpen();
		try (Scan scan = new Scan()) {
			return ChainVerifier.verify(scan.connection, file, station);
		}
	}

	/** Closes the connections and releases the writer's lock; later calls refuse. */
	@Override
	public void close() throws LedgerException {
		synchronized (writing) {
			synchronized (reader) {
				if (closed) {
					return;
				}
				closed = true;
				LedgerException failure = new LedgerException("the ledger " + file + " did not close cleanly");
				closeAll(failure, reader, writer, writerLock);
				if (failure.getSuppressed().length > 0) {
					throw failure;
				}
			}
		}
	}

	@Override
	public String toString() {
		return (readOnly() ? "read-only view of the ledger " : "the ledger ") + file;
	}

	// ---- transactions

	/** The events one write transaction appends, continuing from the committed tail. */
	private final class Appending {

		final Connection connection;
		Tail tail;

		Appending(Connection connection, Tail tail) {
			this.connection = connection;
			this.tail = tail;
		}

		ReportEvent append(String type, UUID jobId, Optional<DeviceUid> uid, OptionalLong serial,
				Optional<byte[]> record, Optional<String> detail) throws SQLException {
			ReportEvent event = new ReportEvent(tail.sequence() + 1, type, clock.instant(), jobId, uid, serial, record,
					detail);
			byte[] chainHash = event.chainHash(tail.chainHash());
			EventTable.insert(connection, event, chainHash);
			tail = new Tail(event.sequence(), chainHash);
			return event;
		}
	}

	private interface WriteWork<T> {
		T run(Appending appending) throws SQLException, LedgerException;
	}

	private interface ReadWork<T> {
		T run(Connection connection) throws SQLException, LedgerException;
	}

	/** One write transaction under the writers' lock; the tail moves on only once the commit succeeded. */
	private <T> T write(String action, String failure, WriteWork<T> work) throws LedgerException {
		synchronized (writing) {
			requireOpen();
			if (writer == null) {
				throw new LedgerException("the ledger " + file + " is open read-only here: it cannot " + action);
			}
			Appending appending = new Appending(writer, tail);
			try {
				T result = Transactions.immediate(writer, file, failure, connection -> work.run(appending));
				tail = appending.tail;
				return result;
			} catch (LedgerException | RuntimeException e) {
				// after a failed COMMIT the disk, not memory, says where the chain ends
				try {
					tail = EventTable.tail(writer);
				} catch (SQLException again) {
					e.addSuppressed(again);
				}
				throw e;
			}
		}
	}

	/** A short read on the shared reading connection. */
	private <T> T read(String failure, ReadWork<T> work) throws LedgerException {
		synchronized (reader) {
			requireOpen();
			try {
				return work.run(reader);
			} catch (SQLException e) {
				throw new LedgerException("the ledger " + file + ": " + failure + " (" + e.getMessage() + ")", e);
			}
		}
	}

	private Tail currentTail() {
		if (writer != null) {
			return tail;
		}
		try {
			return read("its last event cannot be read", EventTable::tail);
		} catch (LedgerException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	private void requireOpen() throws LedgerException {
		if (closed) {
			throw new LedgerException("the ledger " + file + " is closed");
		}
	}

	private LedgerException unreadable(EventTable.UnreadableRowException e) {
		return new LedgerException("the ledger " + file + " is damaged: event " + e.sequence()
				+ ": its content cannot be read (" + e.getMessage() + "; the row was changed)", e);
	}

	/** A connection of its own for a long read (a scan, a report, a verification), closed after it. */
	private final class Scan implements AutoCloseable {

		final Connection connection;

		Scan() throws LedgerException {
			connection = LedgerDatabase.openReader(file);
		}

		@Override
		public void close() throws LedgerException {
			try {
				connection.close();
			} catch (SQLException e) {
				throw new LedgerException("the ledger " + file + ": a reading connection did not close (" + e.getMessage()
						+ ")", e);
			}
		}
	}

	private static void closeAll(Exception failure, AutoCloseable... resources) {
		for (AutoCloseable resource : resources) {
			if (resource == null) {
				continue;
			}
			try {
				resource.close();
			} catch (Exception e) {
				failure.addSuppressed(e);
			}
		}
	}
}
