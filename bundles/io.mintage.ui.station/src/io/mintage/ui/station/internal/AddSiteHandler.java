package io.mintage.ui.station.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.station.model.StationModel;

/** Production ▸ Add site…: the probe and port of another fixture. */
public final class AddSiteHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, StationModel model) {
		AddSiteDialog.open(shell, model);
	}
}
