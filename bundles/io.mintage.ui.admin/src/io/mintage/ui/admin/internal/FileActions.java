package io.mintage.ui.admin.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** What the File menu does beside quitting. */
final class FileActions {

	private FileActions() {
	}

	/** {@code admin backup --to FILE}: the file must not exist, so the dialog suggests a dated name. */
	static void backup(Shell shell, AdminModel model) {
		FileChoice.save(shell, "Back up the admin database", "admin-backup-" + LocalDate.now(ZoneOffset.UTC) + ".db",
				"*.db", "Admin database backups (*.db)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Back up the admin database", model.backup(file)));
	}
}
