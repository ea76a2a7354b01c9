package io.mintage.ui.admin.internal;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.KeyCeremonyForm;

/**
 * The key ceremony ({@code admin init}): the authority's name and validity, where its key is made, and
 * the passphrase (or PIN) typed twice, which must be what the chosen source gives later signings. The
 * passphrase fields are read as characters, compared, and cleared with the arrays as soon as the check
 * is done; nothing of them is logged or kept.
 */
final class KeyCeremonyDialog extends FieldsDialog {

	private final AdminModel model;
	private final KeyCeremonyForm form = new KeyCeremonyForm();
	private Text name;
	private Text validUntil;
	private Text passphrase;
	private Text again;

	KeyCeremonyDialog(Shell parent, AdminModel model) {
		super(parent, "Create the authority", "Key ceremony: create the company's authority",
				"Its key signs every station certificate, quota and job; the firmware trusts only it.", "C&reate", true);
		this.model = model;
	}

	@Override
	protected void createFields(Composite fields) {
		name = Fields.text(fields, "&Name:", "", SWT.NONE);
		name.setMessage("Acme Authority");
		validUntil = Fields.text(fields, "&Valid until:", KeyCeremonyForm.defaultValidUntil(model.clock().instant()),
				SWT.NONE);
		new KeyLocationFields(form.location(), this::check).create(fields, model.view().defaultKeystore(), false);
		passphrase = Fields.text(fields, "Pass&phrase or PIN:", "", SWT.PASSWORD);
		again = Fields.text(fields, "&Again:", "", SWT.PASSWORD);
		checkWhenChanged(name, validUntil);
	}

	/** The problem of the fields before the passphrase; Create only when there is none. */
	@Override
	protected Optional<String> problem() {
		form.name(name.getText());
		form.validUntil(validUntil.getText());
		return form.problem(model.clock().instant());
	}

	@Override
	protected void okPressed() {
		char[] typed = passphrase.getTextChars();
		char[] repeated = again.getTextChars();
		Optional<String> problem;
		try {
			problem = form.passphraseProblem(typed, repeated);
		} finally {
			Arrays.fill(typed, '\0');
			Arrays.fill(repeated, '\0');
			// the fields are emptied either way: on a problem the admin types both again
			passphrase.setText("");
			again.setText("");
		}
		if (problem.isPresent()) {
			setErrorMessage(problem.get());
			passphrase.setFocus();
			return;
		}
		started(model.createAuthority(form.name(), form.notAfter(), form.location().location()));
		super.okPressed();
	}
}
