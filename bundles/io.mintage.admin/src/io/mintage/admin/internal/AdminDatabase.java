package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConfig;

import io.mintage.admin.AdminException;
import io.mintage.core.io.PrivateFiles;
import io.mintage.sqlite.SqliteNativeLibrary;

/**
 * The SQLite file {@code admin.db}: WAL journal (readers go on while one writes), synchronous=FULL (a
 * commit is on disk when it returns), foreign keys enforced. Each operation opens its own connection and
 * closes it, so the services are safe for any number of threads and a long-open admin window holds
 * nothing. Connections are made by sqlite-jdbc directly, not through {@code DriverManager}, which cannot
 * see drivers in other bundles under OSGi.
 */
final class AdminDatabase {

	/** How long a connection waits for SQLite's short locks (checkpoints, another writer's commit). */
	private static final int BUSY_TIMEOUT_MS = 30_000;

	private final Path file;

	AdminDatabase(Path file) {
		this.file = file.toAbsolutePath().normalize();
	}

	Path file() {
		return file;
	}

	/** Creates the file (0600, folder 0700) when new: SQLite gives -wal and -shm the file's mode. */
	void createPrivately() throws AdminException {
		try {
			PrivateFiles.createFolders(file.getParent());
			if (!Files.exists(file)) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
		} catch (java.nio.file.FileAlreadyExistsException e) {
			// made a moment ago by another opener
		} catch (IOException e) {
			throw new AdminException("the admin database " + file + " cannot be created: " + e.getMessage(), e);
		}
	}

	Connection connect() throws AdminException {
		try {
			SqliteNativeLibrary.prepare();
		} catch (IOException e) {
			throw new AdminException("the admin database " + file + " cannot be opened: the SQLite library could not be"
					+ " put into a private folder (" + e.getMessage() + ")", e);
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		config.setBusyTimeout(BUSY_TIMEOUT_MS);
		config.enforceForeignKeys(true);
		try {
			return config.createConnection("jdbc:sqlite:" + file);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + " cannot be opened: " + e.getMessage(), e);
		}
	}

	/** Runs {@code work} in a read transaction on a connection of its own. */
	<T> T read(String what, Sql.Work<T> work) throws AdminException {
		try (Connection connection = connect()) {
			return Sql.snapshot(connection, file, what, work);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + ": " + what + " (" + e.getMessage() + ")", e);
		}
	}

	/**
	 * Runs {@code work} as the one writer ({@link WriterLock}) in a BEGIN IMMEDIATE transaction; on disk
	 * when this returns.
	 */
	<T> T write(String what, Sql.Work<T> work) throws AdminException {
		try (WriterLock lock = WriterLock.take(file); Connection connection = connect()) {
			return Sql.immediate(connection, file, what, work);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + ": " + what + " (" + e.getMessage() + ")", e);
		}
	}

	/**
	 * Runs {@code work} on a connection of its own outside any transaction: for the statements SQLite
	 * refuses within one ({@code VACUUM INTO}), which are consistent by themselves.
	 */
	<T> T alone(String what, Sql.Work<T> work) throws AdminException {
		try (Connection connection = connect()) {
			return work.run(connection);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + ": " + what + " (" + e.getMessage() + ")", e);
		}
	}

	/** The writer lock alone, for work that is more than one transaction (migrations, a restore). */
	WriterLock lock() throws AdminException {
		return WriterLock.take(file);
	}
}
