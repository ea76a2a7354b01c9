package io.mintage.admin.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.AdminException;

/**
 * Transactions begun and ended explicitly on a connection in autocommit mode (as the ledger does), and
 * the small conversions between rows and records. On any failure the transaction is rolled back.
 */
final class Sql {

	/** The work of one transaction. */
	interface Work<T> {
		T run(Connection connection) throws SQLException, AdminException;
	}

	private Sql() {
	}

	/** BEGIN IMMEDIATE: SQLite's write lock from the start, so what the work reads cannot change before it commits. */
	static <T> T immediate(Connection connection, Path file, String what, Work<T> work) throws AdminException {
		return run(connection, "BEGIN IMMEDIATE", file, what, work);
	}

	/** A read transaction: every statement of the work sees the same committed state. */
	static <T> T snapshot(Connection connection, Path file, String what, Work<T> work) throws AdminException {
		return run(connection, "BEGIN", file, what, work);
	}

	private static <T> T run(Connection connection, String begin, Path file, String what, Work<T> work)
			throws AdminException {
		try {
			execute(connection, begin);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + ": " + what + " (" + e.getMessage() + ")", e);
		}
		try {
			T result = work.run(connection);
			execute(connection, "COMMIT");
			return result;
		} catch (SQLException e) {
			AdminException failure = new AdminException("the admin database " + file + ": " + what + " ("
					+ e.getMessage() + ")", e);
			rollBack(connection, failure);
			throw failure;
		} catch (AdminException | RuntimeException | Error e) {
			rollBack(connection, e);
			throw e;
		}
	}

	private static void rollBack(Connection connection, Throwable failure) {
		try {
			execute(connection, "ROLLBACK");
		} catch (SQLException e) {
			failure.addSuppressed(e);
		}
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Binds the values to the statement's parameters in order: null, Optional and OptionalLong as SQL NULL. */
	static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < values.length; i++) {
			Object value = values[i];
			if (value instanceof Optional<?> optional) {
				value = optional.orElse(null);
			} else if (value instanceof OptionalLong optional) {
				value = optional.isPresent() ? optional.getAsLong() : null;
			}
			if (value instanceof Instant instant) {
				value = instant.toEpochMilli();
			}
			if (value == null) {
				statement.setNull(i + 1, Types.NULL);
			} else if (value instanceof Boolean bool) {
				statement.setInt(i + 1, bool ? 1 : 0);
			} else {
				statement.setObject(i + 1, value);
			}
		}
		return statement;
	}

	static int update(Connection connection, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, values)) {
			return statement.executeUpdate();
		}
	}

	static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
	}

	static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
	}

	static Optional<String> text(ResultSet row, String column) throws SQLException {
		return Optional.ofNullable(row.getString(column));
	}
}
