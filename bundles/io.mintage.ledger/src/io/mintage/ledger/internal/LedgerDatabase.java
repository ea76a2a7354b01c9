package io.mintage.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.sqlite.SQLiteConfig;

import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.sqlite.SqliteNativeLibrary;

/**
 * The SQLite file: its connections and its schema (docs/formats.md, "Station ledger"). Connections are
 * made by sqlite-jdbc directly ({@link SQLiteConfig#createConnection}), not through
 * {@code java.sql.DriverManager}, which cannot see drivers in other bundles under OSGi.
 */
public final class LedgerDatabase {

	/** The schema this code writes and reads; a file with another version is refused. */
	public static final int SCHEMA_VERSION = 1;

	/** How long a connection waits for SQLite's own short locks (WAL recovery, checkpoints) before failing. */
	private static final int BUSY_TIMEOUT_MS = 10_000;

	private static final String AUTHORIZED = "'" + LedgerEventTypes.DEVICE_AUTHORIZED + "'";

	/** Persisted names (docs/formats.md): tables, columns, indexes and triggers are never renamed. */
	private static final List<String> SCHEMA = List.of(
			"CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
			"CREATE TABLE events (sequence INTEGER PRIMARY KEY, type TEXT NOT NULL, time_ms INTEGER NOT NULL,"
					+ " job_id TEXT NOT NULL, uid TEXT, serial INTEGER, record BLOB, detail TEXT,"
					+ " chain_hash BLOB NOT NULL)",
			"CREATE INDEX events_job_uid ON events (job_id, uid)",
			"CREATE INDEX events_type_time ON events (type, time_ms)",
			// the database itself refuses a second authorization of a UID or a serial handed out twice in a job
			"CREATE UNIQUE INDEX events_authorized_uid ON events (job_id, uid) WHERE type = " + AUTHORIZED,
			"CREATE UNIQUE INDEX events_authorized_serial ON events (job_id, serial) WHERE type = " + AUTHORIZED,
			"CREATE TABLE reports (number INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE,"
					+ " last_sequence INTEGER NOT NULL, last_chain_hash BLOB NOT NULL, event_count INTEGER NOT NULL,"
					+ " recorded_ms INTEGER NOT NULL)",
			// append-only against slips in code; someone with the sqlite3 shell can drop these, which verify finds
			"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
					+ " BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events are never changed'); END",
			"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
					+ " BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events are never deleted'); END",
			"CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports"
					+ " BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: reports are never changed'); END",
			"CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports"
					+ " BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: reports are never deleted'); END",
			"INSERT INTO meta (name, value) VALUES ('schema-version', '" + SCHEMA_VERSION + "')");

	private LedgerDatabase() {
	}

	/**
	 * The writing connection: WAL journal (readers in other processes go on reading while it writes) and
	 * synchronous=FULL (a commit is on disk when it returns, the WAL included). Autocommit stays on;
	 * transactions are begun explicitly with BEGIN IMMEDIATE, which takes SQLite's write lock at once.
	 */
	public static Connection openWriter(Path file) throws LedgerException {
		createPrivately(file);
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		config.setBusyTimeout(BUSY_TIMEOUT_MS);
		return connect(file, config);
	}

	/** A connection that cannot write; it sees every transaction committed before each statement starts. */
	public static Connection openReader(Path file) throws LedgerException {
		if (!Files.isRegularFile(file)) {
			throw new LedgerException("there is no ledger at " + file);
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.setBusyTimeout(BUSY_TIMEOUT_MS);
		return connect(file, config);
	}

	private static Connection connect(Path file, SQLiteConfig config) throws LedgerException {
		try {
			SqliteNativeLibrary.prepare();
		} catch (IOException e) {
			throw new LedgerException("the ledger " + file + " cannot be opened: the SQLite library could not be put"
					+ " into a private folder (" + e.getMessage() + ")", e);
		}
		try {
			return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
		} catch (SQLException e) {
			throw new LedgerException("the ledger " + file + " cannot be opened: " + e.getMessage(), e);
		}
	}

	/**
	 * A new ledger file is created empty with mode 0600 before SQLite opens it: SQLite gives its -wal and
	 * -shm files the database file's mode, so none of the three is readable by other users.
	 */
	private static void createPrivately(Path file) throws LedgerException {
		if (Files.exists(file)) {
			return;
		}
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		} catch (java.nio.file.FileAlreadyExistsException e) {
			// made a moment ago; SQLite opens it as it is
		} catch (IOException e) {
			throw new LedgerException("the ledger " + file + " cannot be created: " + e.getMessage(), e);
		}
	}

	/** Creates the schema in a new file, or checks that an existing file is a ledger of this version. */
	public static void createOrCheckSchema(Connection writer, Path file) throws LedgerException {
		Transactions.immediate(writer, file, "its tables cannot be prepared", connection -> {
			try (Statement statement = connection.createStatement()) {
				if (tableCount(statement) == 0) {
					for (String sql : SCHEMA) {
						statement.execute(sql);
					}
				} else {
					checkSchema(statement, file);
				}
			}
			return null;
		});
	}

	/** Checks that the file is a ledger of this schema version, for a reader. */
	public static void checkSchema(Connection connection, Path file) throws LedgerException {
		try (Statement statement = connection.createStatement()) {
			checkSchema(statement, file);
		} catch (SQLException e) {
			throw new LedgerException("the ledger " + file + " cannot be read: " + e.getMessage(), e);
		}
	}

	private static void checkSchema(Statement statement, Path file) throws SQLException, LedgerException {
		if (tableCount(statement) == 0) {
			throw new LedgerException("the ledger " + file + " is empty: no station has opened it for writing yet");
		}
		String version = null;
		try (ResultSet tables = statement.executeQuery(
				"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('meta', 'events', 'reports')")) {
			if (!tables.next() || tables.getInt(1) != 3) {
				throw new LedgerException(file + " is an SQLite database but not a Mintage ledger");
			}
		}
		try (ResultSet row = statement.executeQuery("SELECT value FROM meta WHERE name = 'schema-version'")) {
			if (row.next()) {
				version = row.getString(1);
			}
		}
		if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
			throw new LedgerException("the ledger " + file + " has schema version " + version
					+ ", which this Mintage does not know (it knows version " + SCHEMA_VERSION + ")");
		}
	}

	private static int tableCount(Statement statement) throws SQLException {
		try (ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
			return count.next() ? count.getInt(1) : 0;
		}
	}
}
