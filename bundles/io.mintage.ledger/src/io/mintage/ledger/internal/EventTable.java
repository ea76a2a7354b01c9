package io.mintage.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.trust.ReportEvent;

/**
 * The {@code events} table: one row per event, never changed or deleted. Text columns are what a person
 * reads in the sqlite3 shell (the job's UUID, the UID in upper-case hex); the event's chain hash is
 * SHA-256 over the previous chain hash and the event's DER ({@link ReportEvent#chainHash}).
 */
public final class EventTable {

	/** The chain hash before the first event: 32 zero bytes. */
	public static final byte[] GENESIS = new byte[ReportEvent.CHAIN_HASH_LENGTH];

	static final String COLUMNS = "sequence, type, time_ms, job_id, uid, serial, record, detail, chain_hash";

	private static final String AUTHORIZED = "'" + LedgerEventTypes.DEVICE_AUTHORIZED + "'";

	/** The last event's sequence and chain hash: where the next event continues (0 and genesis when empty). */
	public record Tail(long sequence, byte[] chainHash) {

		public static final Tail EMPTY = new Tail(0, GENESIS);

		public Tail {
			chainHash = chainHash.clone();
		}

		@Override
		public byte[] chainHash() {
			return chainHash.clone();
		}
	}

	/** An event as stored, with its stored chain hash. */
	public record Row(ReportEvent event, byte[] chainHash) {
	}

	/** A row whose columns do not make an event (changed outside the ledger). */
	public static final class UnreadableRowException extends Exception {

		private static final long serialVersionUID = 1L;

		private final long sequence;

		UnreadableRowException(long sequence, String reason, Throwable cause) {
			super(reason, cause);
			this.sequence = sequence;
		}

		public long sequence() {
			return sequence;
		}
	}

	/** Receives rows one at a time, so a whole ledger never sits in memory. */
	public interface RowVisitor {
		void visit(ResultSet row) throws SQLException, LedgerException;
	}

	private EventTable() {
	}

	public static Tail tail(Connection connection) throws SQLException {
		try (PreparedStatement query = connection
				.prepareStatement("SELECT sequence, chain_hash FROM events ORDER BY sequence DESC LIMIT 1");
				ResultSet row = query.executeQuery()) {
			return row.next() ? new Tail(row.getLong(1), nonNull(row.getBytes(2))) : Tail.EMPTY;
		}
	}

	/** Inserts the event with its chain hash. */
	public static void insert(Connection connection, ReportEvent event, byte[] chainHash) throws SQLException {
		try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			insert.setLong(1, event.sequence());
			insert.setString(2, event.type());
			insert.setLong(3, event.time().toEpochMilli());
			insert.setString(4, event.jobId().toString());
			if (event.uid().isPresent()) {
				insert.setString(5, event.uid().get().toString());
			} else {
				insert.setNull(5, Types.VARCHAR);
			}
			if (event.serial().isPresent()) {
				insert.setLong(6, event.serial().getAsLong());
			} else {
				insert.setNull(6, Types.INTEGER);
			}
			if (event.record().isPresent()) {
				insert.setBytes(7, event.record().get());
			} else {
				insert.setNull(7, Types.BLOB);
			}
			if (event.detail().isPresent()) {
				insert.setString(8, event.detail().get());
			} else {
				insert.setNull(8, Types.VARCHAR);
			}
			insert.setBytes(9, chainHash);
			insert.executeUpdate();
		}
	}

	/** The job's authorization of the UID, if there is one (the partial unique index finds it). */
	public static Optional<Ledger.Authorization> authorization(Connection connection, UUID jobId, DeviceUid uid)
			throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT sequence, serial, record FROM events"
				+ " WHERE job_id = ? AND uid = ? AND type = " + AUTHORIZED)) {
			query.setString(1, jobId.toString());
			query.setString(2, uid.toString());
			try (ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					return Optional.empty();
				}
				return Optional.of(new Ledger.Authorization(jobId, uid, new SerialNumber(row.getLong(2)),
						nonNull(row.getBytes(3)), false, row.getLong(1)));
			}
		}
	}

	/** How many UIDs the job has authorized: each has exactly one device-authorized event. */
	public static long used(Connection connection, UUID jobId) throws SQLException {
		try (PreparedStatement query = connection
				.prepareStatement("SELECT count(*) FROM events WHERE job_id = ? AND type = " + AUTHORIZED)) {
			query.setString(1, jobId.toString());
			try (ResultSet row = query.executeQuery()) {
				return row.next() ? row.getLong(1) : 0;
			}
		}
	}

	/** Completed, failed and reworked devices since {@code since} and in total, of one job or of all. */
	public static Ledger.Counters counters(Connection connection, Optional<UUID> jobId, Instant since)
			throws SQLException {
		String sql = "SELECT type, count(*), coalesce(sum(time_ms >= ?), 0) FROM events WHERE type IN ('"
				+ LedgerEventTypes.DEVICE_COMPLETED + "', '" + LedgerEventTypes.DEVICE_FAILED + "', '"
				+ LedgerEventTypes.DEVICE_REWORK + "')" + (jobId.isPresent() ? " AND job_id = ?" : "") + " GROUP BY type";
		long[] total = new long[3];
		long[] recent = new long[3];
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setLong(1, since.toEpochMilli());
			if (jobId.isPresent()) {
				query.setString(2, jobId.get().toString());
			}
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					int index = switch (rows.getString(1)) {
					case LedgerEventTypes.DEVICE_COMPLETED -> 0;
					case LedgerEventTypes.DEVICE_FAILED -> 1;
					default -> 2;
					};
					total[index] = rows.getLong(2);
					recent[index] = rows.getLong(3);
				}
			}
		}
		return new Ledger.Counters(recent[0], recent[1], recent[2], total[0], total[1], total[2]);
	}

	/** The newest {@code count} rows, oldest first. */
	public static List<ReportEvent> latest(Connection connection, int count) throws SQLException, UnreadableRowException {
		List<ReportEvent> events = new ArrayList<>();
		try (PreparedStatement query = connection
				.prepareStatement("SELECT " + COLUMNS + " FROM events ORDER BY sequence DESC LIMIT ?")) {
			query.setInt(1, count);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					events.add(read(rows).event());
				}
			}
		}
		Collections.reverse(events);
		return events;
	}

	/** The chain hash stored with event {@code sequence}, if the event is there. */
	public static Optional<byte[]> chainHashOf(Connection connection, long sequence) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT chain_hash FROM events WHERE sequence = ?")) {
			query.setLong(1, sequence);
			try (ResultSet row = query.executeQuery()) {
				return row.next() ? Optional.of(nonNull(row.getBytes(1))) : Optional.empty();
			}
		}
	}

	/** Visits the rows from {@code fromSequence} on in order, stepping through SQLite's cursor. */
	public static void scan(Connection connection, long fromSequence, RowVisitor visitor)
			throws SQLException, LedgerException {
		try (PreparedStatement query = connection
				.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE sequence >= ? ORDER BY sequence")) {
			query.setLong(1, fromSequence);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					visitor.visit(rows);
				}
			}
		}
	}

	/** The event of the current row and its stored chain hash. */
	public static Row read(ResultSet row) throws SQLException, UnreadableRowException {
		long sequence = row.getLong(1);
		try {
			String type = row.getString(2);
			long timeMs = row.getLong(3);
			UUID jobId = UUID.fromString(row.getString(4));
			String uid = row.getString(5);
			long serial = row.getLong(6);
			boolean noSerial = row.wasNull();
			byte[] record = row.getBytes(7);
			String detail = row.getString(8);
			ReportEvent event = new ReportEvent(sequence, type, Instant.ofEpochMilli(timeMs), jobId,
					Optional.ofNullable(uid).map(DeviceUid::parse), noSerial ? OptionalLong.empty() : OptionalLong.of(serial),
					Optional.ofNullable(record), Optional.ofNullable(detail));
			return new Row(event, nonNull(row.getBytes(9)));
		} catch (RuntimeException e) {
			throw new UnreadableRowException(sequence, e.getMessage() == null ? e.toString() : e.getMessage(), e);
		}
	}

	private static byte[] nonNull(byte[] bytes) {
		return bytes == null ? new byte[0] : bytes;
	}
}
