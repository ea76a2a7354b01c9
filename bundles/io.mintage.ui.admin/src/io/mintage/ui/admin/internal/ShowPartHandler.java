package io.mintage.ui.admin.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * View ▸ Authority … Royalties (Ctrl+1 … Ctrl+6): brings the view to the front of its stack and gives it
 * the keyboard, so every view is one key away.
 */
public final class ShowPartHandler {

	/** The command parameter naming the part's element id. */
	static final String PART = "io.mintage.ui.admin.commandparameter.part";

	@Execute
	public void execute(@Named(PART) String partId, EPartService parts) {
		MPart part = parts.findPart(partId);
		if (part != null) {
			parts.showPart(part, PartState.ACTIVATE);
		}
	}
}
