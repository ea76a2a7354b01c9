package io.mintage.ui.station.internal;

import org.eclipse.e4.core.di.annotations.Execute;

import io.mintage.ui.station.model.StationModel;

/** Production ▸ New shift: the shift counters start from zero now. */
public final class NewShiftHandler {

	@Execute
	public void execute(StationModel model) {
		model.newShift();
	}
}
