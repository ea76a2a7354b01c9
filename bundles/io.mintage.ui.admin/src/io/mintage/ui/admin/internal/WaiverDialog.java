package io.mintage.ui.admin.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
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
 * imported again with the failed checks the administrator waives and why. A report whose signature,
 * station, chain or revocation failed cannot be counted; the dialog says so and offers nothing. Enter is
 * Cancel: counting is decided on purpose (Alt+I).
 */
final class WaiverDialog extends FieldsDialog {

	private final AdminModel model;
	private final ImportedReport report;
	private final List<Button> waived = new ArrayList<>();
	private final List<String> unwaivable = new ArrayList<>();
	private Text file;
	private Text reason;

	WaiverDialog(Shell parent, AdminModel model, ImportedReport report) {
		super(parent, "Count a rejected report", "Count a rejected report despite its findings", "Each check you"
				+ " waive is recorded as a warning with your reason; the report then counts and the station's next"
				+ " report continues it. A device without a verified record never counts.", "&Import again", false);
		this.model = model;
		this.report = report;
	}

	@Override
	protected void createFields(Composite fields) {
		Fields.words(fields, 2, "Report " + report.reportId() + " of " + report.station() + ", signed "
				+ Texts.time(report.signedAt()) + " UTC, rejected on " + Texts.time(report.importedAt()) + " UTC.");
		file = Fields.text(fields, "Report &file:", FileChoice.folder().resolve(report.fileName()).toString(), SWT.NONE);
		Fields.browse(fields, "&Browse…", () -> FileChoice.open(getShell(), "The file of the rejected report",
				"*.mreport", "Production reports (*.mreport)").ifPresent(chosen -> file.setText(chosen.toString())));
		Label waive = new Label(fields, SWT.NONE);
		waive.setText("Waive:");
		waive.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
		Composite boxes = Fields.column(fields);
		boxes.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
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
			box.addListener(SWT.Selection, event -> check());
			waived.add(box);
		}
		reason = Fields.text(fields, "&Reason:", "", SWT.NONE);
		Fields.words(fields, 2, "Say why, for whoever reads the report later: for example \"12 devices beyond quota"
				+ " Q-7, agreed with the factory on 20 November\" or \"the forged records are taken up with the"
				+ " factory; the rest is owed\".");
		checkWhenChanged(file, reason);
	}

	@Override
	protected Optional<String> problem() {
		if (!unwaivable.isEmpty()) {
			return Optional.of("This report cannot be counted: " + String.join(", ", unwaivable) + " failed, which"
					+ " says the station may not have written it. Ask the station for the report again.");
		}
		if (waived.isEmpty()) {
			return Optional.of("This report has no failed check to waive.");
		}
		if (waived.stream().noneMatch(Button::getSelection)) {
			return Optional.of("Tick at least one check to waive.");
		}
		Optional<Path> chosen = chosenFile();
		if (chosen.isEmpty() || !Files.isRegularFile(chosen.get())) {
			return Optional.of("There is no file " + file.getText().strip() + ": choose the report's file with Browse….");
		}
		if (reason.getText().isBlank()) {
			return Optional.of("Say why the checks are waived: the reason is recorded with the report.");
		}
		return Optional.empty();
	}

	/** The file named, if the text can name one (a pasted NUL cannot). */
	private Optional<Path> chosenFile() {
		try {
			return Optional.of(Path.of(file.getText().strip()));
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
	}

	@Override
	protected void okPressed() {
		List<String> checks = waived.stream().filter(Button::getSelection).map(box -> (String) box.getData()).toList();
		started(model.importReport(chosenFile().orElseThrow(), ReportWaiver.of(checks, reason.getText())));
		super.okPressed();
	}
}
