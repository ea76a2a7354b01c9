package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mintage.admin.AdminException;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Reports;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/** Production reports on the admin database. */
final class ReportService implements Reports {

	private final AdminHome admin;

	ReportService(AdminHome admin) {
		this.admin = admin;
	}

	@Override
	public ImportedReport importReport(Path file, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		throw new AdminException("report import is not in this build yet (" + admin.home() + ")");
	}

	@Override
	public List<ImportedReport> list() throws AdminException {
		throw new AdminException("reports are not in this build yet (" + admin.home() + ")");
	}

	@Override
	public Optional<ImportedReport> find(UUID reportId) throws AdminException {
		throw new AdminException("reports are not in this build yet (" + admin.home() + ")");
	}
}
