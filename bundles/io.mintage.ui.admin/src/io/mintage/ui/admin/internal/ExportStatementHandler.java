package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** Reports ▸ Export royalty statement… (Ctrl+S): the statement Royalties shows, as PDF or CSV. */
public final class ExportStatementHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model, Selections selections) {
		ReportActions.exportStatement(shell, model, selections);
	}
}
