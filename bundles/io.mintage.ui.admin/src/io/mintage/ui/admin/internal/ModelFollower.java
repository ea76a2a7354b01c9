package io.mintage.ui.admin.internal;

import java.util.function.Consumer;

import org.eclipse.swt.widgets.Control;

import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;

/**
 * Keeps a piece of the admin window showing the model's newest view: {@code show} gets the view there is
 * now, then every new one on the UI thread for as long as the control lives. The model's listener goes
 * with the control, and a view that was already on its way when the control went is dropped.
 */
final class ModelFollower {

	private ModelFollower() {
	}

	static void follow(AdminModel model, Control control, Consumer<AdminView> show) {
		Consumer<AdminView> listener = view -> {
			if (!control.isDisposed()) {
				show.accept(view);
			}
		};
		model.addListener(listener);
		control.addDisposeListener(event -> model.removeListener(listener));
		show.accept(model.view());
	}
}
