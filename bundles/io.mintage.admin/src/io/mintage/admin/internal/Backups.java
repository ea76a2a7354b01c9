package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Backup;
import io.mintage.core.io.PrivateFiles;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * Backup and restore. A backup is one SQLite file made by {@code VACUUM INTO}: a consistent copy of the
 * database at one transaction, taken while others go on reading and writing. It holds everything a
 * restore brings back — the database, and in its {@code authority} row the CA certificate and the key
 * location, from which a restore writes {@code authority/authority.pem} and {@code authority/key.properties}
 * again. Never the authority key or its secret: a token keeps the key; a software key store file is kept
 * where the admin keeps it since the key ceremony (docs/formats.md, "Admin database").
 */
final class Backups {

	private Backups() {
	}

	static Backup make(AdminHome home, Path file, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		Path target = file.toAbsolutePath().normalize();
		if (Files.exists(target)) {
			throw new AdminException("the backup " + target + " exists already; a backup never overwrites a file");
		}
		monitor.begin("Backing up the admin database", 3);
		Path folder = privateFolderBeside(target);
		try {
			Path copy = folder.resolve(AdminStore.DATABASE_FILE);
			home.db().alone("the database could not be copied to " + target, connection -> {
				try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
					vacuum.setString(1, copy.toString());
					vacuum.execute();
				}
				return null;
			});
			monitor.worked(1);
			monitor.checkCancelled();
			int version = check(home.db(), copy, target);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
			force(copy);
			try {
				Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(copy, target);
			}
			monitor.worked(1);
			Instant now = home.clock().instant();
			long size = Files.size(target);
			home.db().write("the backup could not be noted in the audit log", connection -> {
				Audit.record(connection, now, Audit.BACKUP_MADE, target.toString(), size + " bytes, schema version "
						+ version);
				return null;
			});
			monitor.worked(1);
			return new Backup(target, now, size, version);
		} catch (FileAlreadyExistsException e) {
			throw new AdminException("the backup " + target + " exists already; a backup never overwrites a file", e);
		} catch (IOException e) {
			throw new AdminException("the backup " + target + " could not be written: " + e.getMessage(), e);
		} finally {
			deleteQuietly(folder);
		}
	}

	static Admin restore(AdminStoreComponent store, Path backup, Path home, boolean replace, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		Path source = backup.toAbsolutePath().normalize();
		Path folder = home.toAbsolutePath().normalize();
		if (!Files.isRegularFile(source)) {
			throw new AdminException("the backup " + source + " does not exist");
		}
		if (!replace && holdsState(folder)) {
			throw new AdminException("the admin folder " + folder + " holds admin state already; restore never"
					+ " overwrites it unless told to (--replace), or restore into an empty folder");
		}
		monitor.begin("Restoring the admin database from " + source.getFileName(), 4);
		AdminDatabase database = new AdminDatabase(folder.resolve(AdminStore.DATABASE_FILE));
		try {
			PrivateFiles.createFolders(folder);
		} catch (IOException e) {
			throw new AdminException("the admin folder " + folder + " cannot be created: " + e.getMessage(), e);
		}
		Path staging = privateFolderBeside(database.file());
		try {
			Path copy = staging.resolve(AdminStore.DATABASE_FILE);
			Files.copy(source, copy);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
			monitor.worked(1);
			monitor.checkCancelled();
			// an older backup is brought to this version in the copy, so a failure leaves the folder untouched
			AdminDatabase staged = new AdminDatabase(copy);
			AuthorityRow authority;
			try (Connection connection = staged.connect()) {
				Migrations.migrate(connection, source, Migrations.CURRENT, store.clock().millis());
				Sql.execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
				authority = AuthorityRow.read(connection);
			} catch (SQLException | AdminException e) {
				throw new AdminException("the backup " + source + " cannot be restored: it cannot be read as a Mintage"
						+ " admin database (" + e.getMessage().replace(copy.toString(), source.toString()) + ")", e);
			}
			monitor.worked(1);
			monitor.checkCancelled();
			try (WriterLock lock = database.lock()) {
				if (!replace && holdsState(folder)) {
					throw new AdminException("the admin folder " + folder + " holds admin state already; restore never"
							+ " overwrites it unless told to (--replace)");
				}
				for (String suffix : List.of("-wal", "-shm")) {
					Files.deleteIfExists(database.file().resolveSibling(database.file().getFileName() + suffix));
				}
				deleteQuietly(copy.resolveSibling(copy.getFileName() + "-wal"));
				deleteQuietly(copy.resolveSibling(copy.getFileName() + "-shm"));
				force(copy);
				Files.move(copy, database.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				if (authority != null) {
					try {
						PemFiles.writeCertificate(AdminHome.certificateFile(folder),
								AuthorityService.parse(authority.certificate()));
					} catch (TrustException e) {
						throw new AdminException("the authority certificate could not be written back: " + e.getMessage(), e);
					}
					if (!authority.keyLocation().isEmpty()) {
						PrivateFiles.writeAtomically(AdminHome.keyLocationFile(folder),
								authority.keyLocation().getBytes(StandardCharsets.ISO_8859_1));
					}
				}
			}
			monitor.worked(1);
			Admin restored = store.open(folder);
			AdminHome opened = (AdminHome) restored;
			opened.db().write("the restore could not be noted in the audit log", connection -> {
				Audit.record(connection, store.clock().instant(), Audit.RESTORED, source.toString(),
						"into " + folder + (replace ? ", replacing what was there" : ""));
				return null;
			});
			monitor.worked(1);
			return restored;
		} catch (IOException e) {
			throw new AdminException("the backup " + source + " could not be restored into " + folder + ": "
					+ e.getMessage(), e);
		} finally {
			deleteQuietly(staging);
		}
	}

	/**
	 * Whether the folder holds admin state: a database, or anything in {@code authority/} (the CA
	 * certificate, key location, key store, the registers of earlier releases). What the launcher keeps
	 * there besides ({@code tmp/}, {@code cds/}, the window's {@code workspace/}) and the lock file are no
	 * admin state.
	 */
	static boolean holdsState(Path folder) throws AdminException {
		Path database = folder.resolve(AdminStore.DATABASE_FILE);
		Path authority = AdminHome.authorityFolder(folder);
		try {
			if (Files.exists(database) && Files.size(database) > 0) {
				return true;
			}
			if (!Files.isDirectory(authority)) {
				return false;
			}
			try (Stream<Path> entries = Files.list(authority)) {
				return entries.findAny().isPresent();
			}
		} catch (IOException e) {
			throw new AdminException("the admin folder " + folder + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** The copy's schema version, after checking it opens as an admin database. */
	private static int check(AdminDatabase live, Path copy, Path target) throws AdminException {
		AdminDatabase copied = new AdminDatabase(copy);
		return copied.read("the copy " + target + " cannot be read back", connection -> {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
				if (!row.next() || !"ok".equals(row.getString(1))) {
					throw new AdminException("the copy of " + live.file() + " does not pass SQLite's integrity check");
				}
			}
			return Migrations.version(connection, copy);
		});
	}

	/** A fresh 0700 folder beside {@code file}, so nothing half-written is ever readable by others. */
	private static Path privateFolderBeside(Path file) throws AdminException {
		try {
			PrivateFiles.createFolders(file.getParent());
			return Files.createTempDirectory(file.getParent(), "." + file.getFileName() + "-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		} catch (IOException e) {
			throw new AdminException("no private working folder can be made beside " + file + ": " + e.getMessage(), e);
		}
	}

	private static void force(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			if (Files.isDirectory(path)) {
				try (Stream<Path> entries = Files.list(path)) {
					for (Path entry : entries.toList()) {
						Files.deleteIfExists(entry);
					}
				}
			}
			Files.deleteIfExists(path);
		} catch (IOException e) {
			// a left-over private working folder holds nothing anyone else can read
		}
	}

	/** The authority row of a backup: what a restore writes back beside the database. */
	private record AuthorityRow(byte[] certificate, String keyLocation) {

		static AuthorityRow read(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement(); ResultSet row = statement
					.executeQuery("SELECT certificate, key_location FROM authority WHERE id = 1")) {
				return row.next() ? new AuthorityRow(row.getBytes(1), row.getString(2)) : null;
			}
		}

	}
}
