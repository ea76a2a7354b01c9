package io.mintage.ui.admin.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.KeyLocationForm;

/**
 * Takes over an authority made elsewhere ({@code admin import-authority}): its CA certificate (PEM) and
 * where its key is; the service checks that the key is the certificate's before anything is recorded.
 */
final class ImportAuthorityDialog extends FieldsDialog {

	private final AdminModel model;
	private final KeyLocationForm form = new KeyLocationForm();
	private Text certificate;

	ImportAuthorityDialog(Shell parent, AdminModel model) {
		super(parent, "Import an existing authority", "Import an existing authority", "Its CA certificate and its key,"
				+ " which stays where it is; the key must prove it is the certificate's.", "&Import", true);
		this.model = model;
	}

	@Override
	protected void createFields(Composite fields) {
		certificate = Fields.text(fields, "CA &certificate (PEM):", "", SWT.NONE);
		// not "&Browse": Alt+B is the passphrase variable's
		Fields.browse(fields, "Bro&wse…", () -> FileChoice
				.open(getShell(), "The authority's CA certificate", "*.pem", "Certificates (*.pem)")
				.ifPresent(path -> certificate.setText(path.toString())));
		checkWhenChanged(certificate);
		new KeyLocationFields(form, this::check).create(fields, Path.of(""), true);
	}

	@Override
	protected Optional<String> problem() {
		return certificate.getText().isBlank() ? Optional.of("Choose the authority's CA certificate file.")
				: form.problem();
	}

	@Override
	protected void okPressed() {
		started(model.importAuthority(Path.of(certificate.getText().strip()), form.location()));
		super.okPressed();
	}
}
