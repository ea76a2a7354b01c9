package io.mintage.ui.admin.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** What the Products view and the Products menu do, for buttons and handlers alike. */
final class ProductActions {

	private ProductActions() {
	}

	static void addProduct(Shell shell, AdminModel model) {
		new AddProductDialog(shell, model).open();
	}

	static void addFirmware(Shell shell, AdminModel model, Selections selections) {
		if (model.view().products().isEmpty()) {
			MessageDialog.openInformation(shell, "Add firmware", "There is no product yet: add the product first.");
			return;
		}
		new AddFirmwareDialog(shell, model, selections.product()).open();
	}
}
