package io.mintage.admin;

import java.nio.file.Path;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * The admin's state: one SQLite database, {@value #DATABASE_FILE} in the admin folder
 * ({@code $MINTAGE_HOME/admin}), beside the authority's certificate and key location (docs/formats.md,
 * "Admin database"). A service, so the commands and the admin views use the same code; the folder is
 * given per call because each command line (and each test) names its own.
 */
public interface AdminStore {

	/** The database's file name in the admin folder. */
	String DATABASE_FILE = "admin.db";

	/**
	 * Opens the admin folder's database, creating it (and the folder, 0700) when new, bringing its schema
	 * to this version, and importing the registers of earlier releases once. Holds no resources: every
	 * operation of the result opens and closes its own connection.
	 *
	 * @throws AdminException when the file is not an admin database, is newer than this Mintage, or cannot
	 *                        be created or read
	 */
	Admin open(Path home) throws AdminException;

	/**
	 * Brings back a backup made by {@link Admin#backup}: the database and, from it, the authority's CA
	 * certificate and key location. Never the key itself: it stays where the key location says (token or
	 * key store file). A folder that holds admin state already is refused unless {@code replace}.
	 */
	Admin restore(Path backup, Path home, boolean replace, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException;
}
