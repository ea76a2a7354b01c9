package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** File ▸ Back up the database…: a consistent copy, without the authority key. */
public final class BackupHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model) {
		FileActions.backup(shell, model);
	}
}
