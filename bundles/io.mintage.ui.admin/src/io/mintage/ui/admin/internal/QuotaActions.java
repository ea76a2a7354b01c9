package io.mintage.ui.admin.internal;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.core.command.CommandFiles;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.AdminView.JobView;

/** What the Quotas view and the Quotas menu do, for buttons and handlers alike. */
final class QuotaActions {

	private QuotaActions() {
	}

	/** The issue wizard ({@code admin issue-job} with a new quota). */
	static void issueJob(Shell shell, AdminModel model, Selections selections) {
		if (!AuthorityActions.needsAuthority(shell, model, "Issue a job")) {
			return;
		}
		IssueJobWizard wizard = new IssueJobWizard(model, model.view(), selections);
		WizardDialog dialog = new WizardDialog(shell, wizard);
		dialog.setPageSize(620, 380);
		dialog.open();
	}

	/** Writes the selected (or the newest) job package again. */
	static void exportJob(Shell shell, AdminModel model, Selections selections) {
		AdminView view = model.view();
		Optional<JobView> job = selections.job()
				.flatMap(id -> view.jobs().stream().filter(j -> j.job().id().equals(id)).findFirst())
				.or(() -> view.jobs().isEmpty() ? Optional.empty() : Optional.of(view.jobs().get(view.jobs().size() - 1)));
		if (job.isEmpty()) {
			MessageDialog.openInformation(shell, "Export a job file", "No job has been issued yet.");
			return;
		}
		UUID id = job.get().job().id();
		FileChoice.save(shell, "Export the job file '" + job.get().job().name() + "'",
				CommandFiles.fileNameFor(job.get().job().name(), "job") + ".mjob", "*.mjob", "Job packages (*.mjob)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Export a job file", model.exportJob(id, file)));
	}

	/** Writes the selected quota's key as issued. */
	static void exportQuotaKey(Shell shell, AdminModel model, Selections selections) {
		Optional<UUID> quota = selections.quota();
		if (quota.isEmpty()) {
			MessageDialog.openInformation(shell, "Export a quota key", "Select a quota in Quotas and jobs first.");
			return;
		}
		FileChoice.save(shell, "Export the quota key", "quota-" + quota.get() + ".mquota", "*.mquota",
				"Quota keys (*.mquota)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Export a quota key", model.exportQuotaKey(quota.get(), file)));
	}
}
