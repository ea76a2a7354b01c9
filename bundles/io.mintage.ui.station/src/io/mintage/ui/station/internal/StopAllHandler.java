package io.mintage.ui.station.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.mintage.ui.station.model.StationModel;

/** Production ▸ Stop all (F6): every site stops once the device on it is done. */
public final class StopAllHandler {

	@CanExecute
	public boolean canExecute(StationModel model) {
		return model.view().canStopAll();
	}

	@Execute
	public void execute(StationModel model) {
		model.stopAll();
	}
}
