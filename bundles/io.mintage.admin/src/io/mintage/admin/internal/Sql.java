package io.mintage.admin.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.AdminException;
import io.mintage.sqlite.SqliteTransactions;

/**
 * The admin database's transactions ({@link SqliteTransactions}), failing with an {@link AdminException}
 * that names the file, and the small conversions between rows and records.
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
		return SqliteTransactions.immediate(connection, failure(file, what), work::run);
	}

	/** A read transaction: every statement of the work sees the same committed state. */
	static <T> T snapshot(Connection connection, Path file, String what, Work<T> work) throws AdminException {
		return SqliteTransactions.snapshot(connection, failure(file, what), work::run);
	}

	private static SqliteTransactions.Failure<AdminException> failure(Path file, String what) {
		return e -> new AdminException("the admin database " + file + ": " + what + " (" + e.getMessage() + ")", e);
	}

	static void execute(Connection connection, String sql) throws SQLException {
		SqliteTransactions.execute(connection, sql);
	}

	/** Binds the values to the statement's parameters in order: null, Optional and OptionalLong as SQL NULL. */
	static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		try {
			bind(statement, values);
		} catch (SQLException | RuntimeException e) {
			statement.close();
			throw e;
		}
		return statement;
	}

	/** Binds the values to a prepared statement's parameters in order, as {@link #prepare} does. */
	static void bind(PreparedStatement statement, Object... values) throws SQLException {
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
