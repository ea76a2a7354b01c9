package io.mintage.ui.station.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.station.model.StationModel;

/** Production ▸ Export report… (Ctrl+E): the signed production report of the events since the last one. */
public final class ExportReportHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, StationModel model) {
		ReportExport.ask(shell, model);
	}
}
