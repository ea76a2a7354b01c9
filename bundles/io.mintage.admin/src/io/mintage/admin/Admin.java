package io.mintage.admin;

import java.nio.file.Path;
import java.util.List;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/** One admin folder's state, opened by {@link AdminStore#open}: the services working on it. */
public interface Admin {

	/** The admin folder ({@code $MINTAGE_HOME/admin}). */
	Path home();

	/** The database file in it. */
	Path database();

	/** The schema version of the database (the number of migration steps applied). */
	int schemaVersion();

	Authority authority();

	Stations stations();

	Products products();

	Quotas quotas();

	/** The stations' production reports: import, checks, what they counted. */
	Reports reports();

	/** Royalty statements from the devices the reports counted. */
	Royalties royalties();

	/** The newest {@code limit} entries of the append-only audit log, oldest first. */
	List<AuditEntry> audit(int limit) throws AdminException;

	/**
	 * Writes a consistent copy of the database to {@code file} (0600, atomically; the file must not exist)
	 * while others go on using it. The copy holds everything a restore needs except the authority key
	 * and its secret.
	 */
	Backup backup(Path file, ProgressMonitor monitor) throws AdminException, OperationCancelledException;
}
