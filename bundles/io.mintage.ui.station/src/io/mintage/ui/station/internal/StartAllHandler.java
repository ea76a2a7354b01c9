package io.mintage.ui.station.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.mintage.ui.station.model.StationModel;

/** Production ▸ Start all (F5): every site waits for a device and programs device after device. */
public final class StartAllHandler {

	@CanExecute
	public boolean canExecute(StationModel model) {
		return model.view().canStartAll();
	}

	@Execute
	public void execute(StationModel model) {
		model.startAll();
	}
}
