package io.mintage.ui.admin.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.KeyLocationForm;

/**
 * Takes over an authority made elsewhere ({@code admin import-authority}): its CA certificate (PEM) and
 * where its key is; the service checks that the key is the certificate's before anything is recorded.
 */
final class ImportAuthorityDialog extends TitleAreaDialog {

	private final AdminModel model;
	private final KeyLocationForm form = new KeyLocationForm();
	private Text certificate;

	private ImportAuthorityDialog(Shell parent, AdminModel model) {
		super(parent);
		this.model = model;
	}

	static void open(Shell parent, AdminModel model) {
		new ImportAuthorityDialog(parent, model).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Import an existing authority");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Import an existing authority");
		setMessage("Its CA certificate and its key, which stays where it is; the key must prove it is the"
				+ " certificate's.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		certificate = Fields.text(fields, "CA &certificate (PEM):", "", SWT.NONE);
		Button browse = new Button(fields, SWT.PUSH);
		browse.setText("&Browse…");
		browse.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false, 2, 1));
		browse.addListener(SWT.Selection, event -> FileChoice
				.open(getShell(), "The authority's CA certificate", "*.pem", "Certificates (*.pem)")
				.ifPresent(path -> certificate.setText(path.toString())));
		certificate.addListener(SWT.Modify, event -> check());
		new KeyLocationFields(form, this::check).create(fields, Path.of(""), true);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Import", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		check();
	}

	private void check() {
		if (certificate == null) {
			return;
		}
		Optional<String> problem = certificate.getText().isBlank()
				? Optional.of("Choose the authority's CA certificate file.")
				: form.problem();
		setErrorMessage(problem.orElse(null));
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem.isEmpty());
		}
	}

	@Override
	protected void okPressed() {
		Outcome.reportFailure(getParentShell(), "Import an existing authority",
				model.importAuthority(Path.of(certificate.getText().strip()), form.location()));
		super.okPressed();
	}
}
