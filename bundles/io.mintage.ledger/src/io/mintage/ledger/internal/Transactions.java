package io.mintage.ledger.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.mintage.ledger.LedgerException;

/**
 * SQLite transactions begun and ended explicitly on a connection left in autocommit mode (sqlite-jdbc
 * would otherwise begin the next transaction right after each commit and hold SQLite's write lock in
 * between). On any failure the transaction is rolled back, so nothing of it is written.
 */
public final class Transactions {

	/** The work of one transaction. */
	public interface Work<T> {
		T run(Connection connection) throws SQLException, LedgerException;
	}

	private Transactions() {
	}

	/**
	 * Runs {@code work} in a BEGIN IMMEDIATE transaction (SQLite's write lock is taken at the start, so
	 * what the work reads cannot change before it commits) and commits; with synchronous=FULL the commit
	 * is on disk when this returns.
	 *
	 * @param what what the transaction does, for the error: "the event could not be appended"
	 */
	public static <T> T immediate(Connection connection, Path file, String what, Work<T> work) throws LedgerException {
		return run(connection, "BEGIN IMMEDIATE", file, what, work);
	}

	/** Runs {@code work} in a read transaction: every statement in it sees the same committed state. */
	public static <T> T snapshot(Connection connection, Path file, String what, Work<T> work) throws LedgerException {
		return run(connection, "BEGIN", file, what, work);
	}

	private static <T> T run(Connection connection, String begin, Path file, String what, Work<T> work)
			throws LedgerException {
		try {
			execute(connection, begin);
		} catch (SQLException e) {
			throw new LedgerException("the ledger " + file + ": " + what + " (" + e.getMessage() + ")", e);
		}
		try {
			T result = work.run(connection);
			execute(connection, "COMMIT");
			return result;
		} catch (SQLException e) {
			LedgerException failure = new LedgerException("the ledger " + file + ": " + what + " (" + e.getMessage()
					+ ")", e);
			rollBack(connection, failure);
			throw failure;
		} catch (LedgerException | RuntimeException | Error e) {
			rollBack(connection, e);
			throw e;
		}
	}

	/**
	 * Rolls back. When a failed COMMIT has ended the transaction already (SQLite rolls back by itself on
	 * some errors), ROLLBACK fails with "no transaction is active": harmless, kept as suppressed.
	 */
	private static void rollBack(Connection connection, Throwable failure) {
		try {
			execute(connection, "ROLLBACK");
		} catch (SQLException e) {
			failure.addSuppressed(e);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}
