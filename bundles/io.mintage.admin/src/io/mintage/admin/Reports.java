package io.mintage.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * The stations' production reports as the admin received them: each one verified, checked against what
 * the admin issued and what earlier reports counted, and recorded with every check's result.
 */
public interface Reports {

	/**
	 * Reads and verifies a station's signed production report (streaming, {@code io.mintage.trust.ProductionReportReader}),
	 * runs every stateful check against the database and records the report with each check's result, in one
	 * transaction. A {@link ReportStatus#REJECTED} report is recorded too (so the administrator sees why) but
	 * counts nothing. The same report (same report id and file hash) imported again counts nothing again: the
	 * earlier import is returned with {@link ImportedReport#alreadyImported()} true. Long: reports progress and
	 * honours cancellation (nothing recorded).
	 *
	 * @throws AdminException when the file cannot be read or is not a production report at all (nothing is
	 *                        recorded then: there is no report to name)
	 */
	default ImportedReport importReport(Path file, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		return importReport(file, ReportWaiver.NONE, monitor);
	}

	/**
	 * {@link #importReport(Path, ProgressMonitor)} with the administrator's {@code waiver}: each check it
	 * names that fails is recorded as a warning with the waiver's reason instead of rejecting the report.
	 * The way to resolve a rejected report is to import its file again with a waiver; what was counted
	 * before is not counted again.
	 */
	ImportedReport importReport(Path file, ReportWaiver waiver, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException;

	/** Every imported report, oldest import first. */
	List<ImportedReport> list() throws AdminException;

	Optional<ImportedReport> find(UUID reportId) throws AdminException;
}
