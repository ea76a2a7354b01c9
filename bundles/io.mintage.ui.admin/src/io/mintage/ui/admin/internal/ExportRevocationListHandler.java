package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** Stations ▸ Export revocation list… (Ctrl+L): every revoked station, signed, for the stations. */
public final class ExportRevocationListHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, AdminModel model) {
		StationActions.exportRevocationList(shell, model);
	}
}
