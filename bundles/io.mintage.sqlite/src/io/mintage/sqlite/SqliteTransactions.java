package io.mintage.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite transactions begun and ended explicitly on a connection left in autocommit mode (sqlite-jdbc
 * would otherwise begin the next transaction right after each commit and hold SQLite's write lock in
 * between). On any failure the transaction is rolled back, so nothing of it is written. The ledger and
 * the admin database each turn an SQL failure into their own plain-words exception.
 */
public final class SqliteTransactions {

	/** The work of one transaction; it may fail with SQL's exception or the caller's own. */
	public interface Work<T, E extends Exception> {
		T run(Connection connection) throws SQLException, E;
	}

	/** The caller's exception for an SQL failure, e.g. "the ledger FILE: the event could not be appended (…)". */
	public interface Failure<E extends Exception> {
		E of(SQLException cause);
	}

	private SqliteTransactions() {
	}

	/**
	 * Runs {@code work} in a BEGIN IMMEDIATE transaction (SQLite's write lock is taken at the start, so what
	 * the work reads cannot change before it commits) and commits; with synchronous=FULL the commit is on
	 * disk when this returns.
	 */
	public static <T, E extends Exception> T immediate(Connection connection, Failure<E> failure, Work<T, E> work)
			throws E {
		return run(connection, "BEGIN IMMEDIATE", failure, work);
	}

	/** Runs {@code work} in a read transaction: every statement in it sees the same committed state. */
	public static <T, E extends Exception> T snapshot(Connection connection, Failure<E> failure, Work<T, E> work)
			throws E {
		return run(connection, "BEGIN", failure, work);
	}

	/** One statement without parameters or result. */
	public static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T, E extends Exception> T run(Connection connection, String begin, Failure<E> failure,
			Work<T, E> work) throws E {
		try {
			execute(connection, begin);
		} catch (SQLException e) {
			throw failure.of(e);
		}
		try {
			T result = work.run(connection);
			execute(connection, "COMMIT");
			return result;
		} catch (SQLException e) {
			E wrapped = failure.of(e);
			rollBack(connection, wrapped);
			throw wrapped;
		} catch (Exception | Error e) {
			rollBack(connection, e);
			if (e instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (e instanceof Error error) {
				throw error;
			}
			// work.run declares only SQLException (handled above) and E: any other checked one is E
			throw (E) e;
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
}
