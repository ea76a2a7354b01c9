package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** Quotas ▸ Export job file… (Ctrl+J): the selected job package again, to hand it over. */
public final class ExportJobHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model, Selections selections) {
		QuotaActions.exportJob(shell, model, selections);
	}
}
