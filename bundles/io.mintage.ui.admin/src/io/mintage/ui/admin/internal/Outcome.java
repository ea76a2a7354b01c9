package io.mintage.ui.admin.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.core.progress.OperationCancelledException;

/**
 * A failed action is shown to the admin in a dialog as well as in the status line: it needs attention.
 * Success needs none; the status line says it.
 */
final class Outcome {

	private Outcome() {
	}

	static void reportFailure(Shell shell, String title, CompletableFuture<?> action) {
		action.whenComplete((result, failure) -> {
			if (failure == null || shell.isDisposed()) {
				return;
			}
			Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
					: failure;
			if (cause instanceof OperationCancelledException) {
				return;
			}
			shell.getDisplay().asyncExec(() -> {
				if (!shell.isDisposed()) {
					MessageDialog.openError(shell, title, capitalized(cause.getMessage()));
				}
			});
		});
	}

	static String capitalized(String text) {
		return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
