package io.mintage.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Closes the workbench (File ▸ Quit, Ctrl+Q). */
public final class QuitHandler {

	@Execute
	public void quit(IWorkbench workbench) {
		workbench.close();
	}
}
