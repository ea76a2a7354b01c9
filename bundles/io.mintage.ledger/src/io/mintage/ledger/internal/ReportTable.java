package io.mintage.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.mintage.trust.ReportEvent;

/**
 * The {@code reports} table: one row per production report written, in the order they were written.
 * The next report continues the chain where the last one ended.
 */
public final class ReportTable {

	/** A recorded report: its id, the last event it holds and that event's chain hash. */
	public record Recorded(long number, UUID reportId, long lastSequence, byte[] lastChainHash, long eventCount) {
	}

	private ReportTable() {
	}

	/** The report written last, if any. */
	public static Optional<Recorded> last(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT number, report_id, last_sequence,"
				+ " last_chain_hash, event_count FROM reports ORDER BY number DESC LIMIT 1");
				ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(read(row)) : Optional.empty();
		}
	}

	/** Where the next report starts: after the last report's last event, from its last chain hash. */
	public static EventTable.Tail continuation(Connection connection) throws SQLException {
		return last(connection).map(last -> new EventTable.Tail(last.lastSequence(), last.lastChainHash()))
				.orElse(EventTable.Tail.EMPTY);
	}

	public static boolean contains(Connection connection, UUID reportId) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM reports WHERE report_id = ?")) {
			query.setString(1, reportId.toString());
			try (ResultSet row = query.executeQuery()) {
				return row.next();
			}
		}
	}

	public static void insert(Connection connection, UUID reportId, long lastSequence, byte[] lastChainHash,
			long eventCount, Instant recordedAt) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reports (report_id, last_sequence,"
				+ " last_chain_hash, event_count, recorded_ms) VALUES (?, ?, ?, ?, ?)")) {
			insert.setString(1, reportId.toString());
			insert.setLong(2, lastSequence);
			insert.setBytes(3, lastChainHash);
			insert.setLong(4, eventCount);
			insert.setLong(5, recordedAt.toEpochMilli());
			insert.executeUpdate();
		}
	}

	/** Visits every recorded report in order. */
	public interface Visitor {
		void visit(Recorded report) throws SQLException;
	}

	public static void forEach(Connection connection, Visitor visitor) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT number, report_id, last_sequence,"
				+ " last_chain_hash, event_count FROM reports ORDER BY number");
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				visitor.visit(read(rows));
			}
		}
	}

	private static Recorded read(ResultSet row) throws SQLException {
		byte[] hash = row.getBytes(4);
		UUID id;
		try {
			id = UUID.fromString(row.getString(2));
		} catch (RuntimeException e) {
			// a changed id is not this table's concern to name; verify compares the chain hashes
			id = new UUID(0, 0);
		}
		return new Recorded(row.getLong(1), id, row.getLong(3),
				hash == null ? new byte[ReportEvent.CHAIN_HASH_LENGTH] : hash, row.getLong(5));
	}
}
