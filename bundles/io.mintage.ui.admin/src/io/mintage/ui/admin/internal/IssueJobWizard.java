package io.mintage.ui.admin.internal;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.wizard.Wizard;

import io.mintage.admin.IssuedJob;
import io.mintage.admin.JobRequest;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.IssueForm;

/**
 * The issue wizard ({@code admin issue-job} with a new quota): station, product and firmware; the quota
 * (count, first serial, validity, royalty per device); the record options the product's family allows;
 * where the job file goes, with everything summed up. Each page says in plain words what is missing.
 * Finish issues the job in the model's background job while the wizard's progress bar follows it; a
 * refusal stays on the wizard's last page, so the admin can change what it names.
 */
final class IssueJobWizard extends Wizard {

	private final AdminModel model;
	private final AdminView view;
	private final Selections selections;
	private final IssueForm form = new IssueForm();
	private IssueJobPages.FilePage filePage;

	IssueJobWizard(AdminModel model, AdminView view, Selections selections) {
		this.model = model;
		this.view = view;
		this.selections = selections;
		setWindowTitle("Issue a job");
		setNeedsProgressMonitor(true);
	}

	@Override
	public void addPages() {
		addPage(new IssueJobPages.StationPage(form, view, selections));
		addPage(new IssueJobPages.QuotaPage(form, model.clock()));
		addPage(new IssueJobPages.OptionsPage(form, view));
		filePage = new IssueJobPages.FilePage(form, view, model.clock());
		addPage(filePage);
	}

	@Override
	public boolean canFinish() {
		return filePage.isPageComplete() && getContainer().getCurrentPage() == filePage;
	}

	@Override
	public boolean performFinish() {
		Instant now = model.clock().instant();
		JobRequest request = form.request(now);
		Path file = form.file();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<IssuedJob> issued = new AtomicReference<>();
		try {
			getContainer().run(true, true, monitor -> waitFor(model.issueJob(request, file, new ProgressBridge(monitor)),
					monitor, issued, failure));
		} catch (InvocationTargetException e) {
			failure.set(e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.set(new OperationCancelledException());
		}
		if (failure.get() != null) {
			Throwable cause = failure.get();
			filePage.setErrorMessage(cause instanceof OperationCancelledException
					? "Stopped: no job was issued and nothing was recorded."
					: "No job was issued: " + cause.getMessage());
			return false;
		}
		selections.quota(Optional.of(issued.get().quota().id()));
		selections.job(Optional.of(issued.get().id()));
		return true;
	}

	/** Waits for the background job, the dialog's cancel button passed on through the monitor. */
	private static void waitFor(CompletableFuture<IssuedJob> future, IProgressMonitor monitor,
			AtomicReference<IssuedJob> issued, AtomicReference<Throwable> failure) {
		try {
			// the dialog's cancel button reaches the job through the progress bridge
			issued.set(future.get());
		} catch (ExecutionException e) {
			failure.set(e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.set(new OperationCancelledException());
		} finally {
			monitor.done();
		}
	}
}
