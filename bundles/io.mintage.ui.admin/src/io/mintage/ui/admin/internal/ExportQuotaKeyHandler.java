package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** Quotas ▸ Export quota key…: the selected quota's key as issued. */
public final class ExportQuotaKeyHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model, Selections selections) {
		QuotaActions.exportQuotaKey(shell, model, selections);
	}
}
