package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** Reports ▸ Import report… (Ctrl+R): a station's production report, checked and recorded in the background. */
public final class ImportReportHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model) {
		ReportActions.importReport(shell, model);
	}
}
