package io.mintage.ui.station.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionException;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.station.model.StationModel;

/**
 * Export report…: asks where (a {@code .mreport} file named by the time, as {@code station report}
 * names it), writes the signed production report of the events since the last one in the background,
 * and says how it went.
 */
final class ReportExport {

	private ReportExport() {
	}

	static void ask(Shell shell, StationModel model) {
		FileDialog dialog = new FileDialog(shell, SWT.SAVE);
		dialog.setText("Export the production report");
		dialog.setFilterExtensions(new String[] { "*.mreport", "*" });
		dialog.setFilterNames(new String[] { "Production reports (*.mreport)", "All files" });
		dialog.setFileName("report-" + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS))
				.replace(":", "") + ".mreport");
		dialog.setOverwrite(true);
		String chosen = dialog.open();
		if (chosen == null) {
			return;
		}
		Path file = Path.of(chosen);
		model.exportReport(file).whenComplete((events, failure) -> shell.getDisplay().asyncExec(() -> {
			if (shell.isDisposed()) {
				return;
			}
			if (failure == null) {
				MessageDialog.openInformation(shell, "Production report", "The report of " + events
						+ " events is written to " + file + ". Send it to the admin; the next report continues it.");
			} else {
				Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
						: failure;
				MessageDialog.openError(shell, "Production report", "The report could not be written to " + file + ": "
						+ cause.getMessage());
			}
		}));
	}
}
