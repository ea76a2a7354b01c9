package io.mintage.ui.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportWaiver;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.Texts;

/**
 * Resolves a rejected report ({@code admin import-report FILE --waive CHECKS --reason TEXT}): its file
 * imported again with the failed checks the administrator waives and why. Offered for a rejected report
 * only; a report whose signature, station, chain or revocation failed cannot be counted, and the dialog
 * says so instead of offering anything.
 */
final class WaiverDialog extends TitleAreaDialog {

	private final AdminModel model;
	private final ImportedReport report;
	private final List<Button> waived = new ArrayList<>();
	private Text file;
	private Text reason;
	private boolean waivable;

	private WaiverDialog(Shell parent, AdminModel model, ImportedReport report) {
		super(parent);
		this.model = model;
		this.report = report;
	}

	static void open(Shell parent, AdminModel model, ImportedReport report) {
		new WaiverDialog(parent, model, report).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Count a rejected report");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Count a rejected report despite its findings");
		setMessage("Each check you waive is recorded as a warning with your reason; the report then counts and the"
				+ " station's next report continues it. A device without a verified record never counts.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(3));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		Fields.words(fields, 3, "Report " + report.reportId() + " of " + report.station() + ", signed "
				+ Texts.time(report.signedAt()) + " UTC, rejected on " + Texts.time(report.importedAt()) + " UTC.");

		new Label(fields, SWT.NONE).setText("Report &file:");
		file = new Text(fields, SWT.BORDER | SWT.SINGLE);
		file.setText(FileChoice.folder().resolve(report.fileName()).toString());
		file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		Button browse = new Button(fields, SWT.PUSH);
		browse.setText("&Browse…");
		browse.addListener(SWT.Selection, event -> FileChoice.open(getShell(), "The file of the rejected report",
				"*.mreport", "Production reports (*.mreport)").ifPresent(chosen -> file.setText(chosen.toString())));

		Label checks = new Label(fields, SWT.NONE);
		checks.setText("Waive:");
		checks.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
		Composite boxes = new Composite(fields, SWT.NONE);
		boxes.setLayout(Fields.grid(1));
		boxes.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		List<String> unwaivable = new ArrayList<>();
		for (ReportCheckResult check : report.checks()) {
			if (check.outcome() != CheckOutcome.FAIL) {
				continue;
			}
			if (!ReportWaiver.WAIVABLE.contains(check.id())) {
				unwaivable.add(check.id());
				continue;
			}
			Button box = new Button(boxes, SWT.CHECK);
			box.setText(check.id() + ": " + check.summary());
			box.setData(check.id());
			box.setSelection(true);
			waived.add(box);
		}
		waivable = unwaivable.isEmpty() && !waived.isEmpty();

		reason = Fields.text(fields, "&Reason:", "", SWT.NONE);
		((GridData) reason.getLayoutData()).horizontalSpan = 2;
		Fields.words(fields, 3, "Say why, for whoever reads the report later: for example \"12 devices beyond quota"
				+ " Q-7, agreed with the factory on 20 November\" or \"the forged records are taken up with the"
				+ " factory; the rest is owed\".");
		if (!unwaivable.isEmpty()) {
			setErrorMessage("This report cannot be counted: " + String.join(", ", unwaivable) + " failed, which says"
					+ " the station may not have written it. Ask the station for the report again.");
		} else if (waived.isEmpty()) {
			setErrorMessage("This report has no failed check to waive.");
		}
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Import again", false).setEnabled(waivable);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
	}

	@Override
	protected void okPressed() {
		List<String> checks = waived.stream().filter(Button::getSelection).map(box -> (String) box.getData()).toList();
		if (checks.isEmpty()) {
			setErrorMessage("Choose at least one check to waive.");
			return;
		}
		if (reason.getText().isBlank()) {
			setErrorMessage("Say why the checks are waived: the reason is recorded with the report.");
			reason.setFocus();
			return;
		}
		Path chosen = Path.of(file.getText().strip());
		if (!Files.isRegularFile(chosen)) {
			setErrorMessage("There is no file " + chosen + ": choose the report's file with Browse….");
			file.setFocus();
			return;
		}
		Outcome.reportFailure(getParentShell(), "Count a rejected report",
				model.importReport(chosen, ReportWaiver.of(checks, reason.getText())));
		super.okPressed();
	}
}
