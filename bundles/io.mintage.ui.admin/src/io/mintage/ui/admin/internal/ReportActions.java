package io.mintage.ui.admin.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportStatus;
import io.mintage.ui.admin.model.AdminModel;

/** What the Reports and Royalties views and the Reports menu do, for buttons and handlers alike. */
final class ReportActions {

	private ReportActions() {
	}

	/** A station's production report, imported in the background ({@code admin import-report}). */
	static void importReport(Shell shell, AdminModel model) {
		AuthorityActions.readWithAuthority(shell, model, "Import a production report", "A station's production report",
				"*.mreport", "Production reports (*.mreport)", model::importReport);
	}

	/**
	 * A rejected report imported again with the failed checks the administrator waives, and why
	 * ({@code admin import-report FILE --waive CHECKS --reason TEXT}).
	 */
	static void countDespiteFindings(Shell shell, AdminModel model, ImportedReport report) {
		if (report.status() != ReportStatus.REJECTED) {
			MessageDialog.openInformation(shell, "Count a rejected report", "The report selected is "
					+ report.status().name().toLowerCase(java.util.Locale.ROOT) + ": it counts already.");
			return;
		}
		new WaiverDialog(shell, model, report).open();
	}

	/** The statement Royalties shows, as CSV or PDF by the name chosen. */
	static void exportStatement(Shell shell, AdminModel model, Selections selections) {
		if (selections.statement().isEmpty()) {
			MessageDialog.openInformation(shell, "Export a royalty statement", "There is no royalty statement to export:"
					+ " show a period in Royalties in which devices were counted.");
			return;
		}
		var statement = selections.statement().get();
		String name = "royalties-" + statement.from() + "-to-" + statement.to() + "-"
				+ statement.currency().getCurrencyCode();
		FileChoice.save(shell, "Export the royalty statement (.pdf or .csv)", name + ".pdf", "*.pdf;*.csv",
				"Statements (*.pdf, *.csv)").ifPresent(file -> Outcome.reportFailure(shell, "Export a royalty statement",
						model.exportStatement(statement, file)));
	}
}
