package io.mintage.ledger.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.mintage.ledger.LedgerException;
import io.mintage.sqlite.SqliteTransactions;

/**
 * The ledger's transactions ({@link SqliteTransactions}), failing with a {@link LedgerException} that names
 * the ledger file and what the transaction was for. On any failure nothing of it is written.
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
		return SqliteTransactions.immediate(connection, failure(file, what), work::run);
	}

	/** Runs {@code work} in a read transaction: every statement in it sees the same committed state. */
	public static <T> T snapshot(Connection connection, Path file, String what, Work<T> work) throws LedgerException {
		return SqliteTransactions.snapshot(connection, failure(file, what), work::run);
	}

	private static SqliteTransactions.Failure<LedgerException> failure(Path file, String what) {
		return e -> new LedgerException("the ledger " + file + ": " + what + " (" + e.getMessage() + ")", e);
	}
}
