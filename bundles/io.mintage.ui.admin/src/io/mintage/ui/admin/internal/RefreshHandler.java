package io.mintage.ui.admin.internal;

import org.eclipse.e4.core.di.annotations.Execute;

import io.mintage.ui.admin.model.AdminModel;

/** File ▸ Refresh (F5): reads the admin database again, which a command or another window may have changed. */
public final class RefreshHandler {

	@Execute
	public void execute(AdminModel model) {
		model.refresh();
	}
}
