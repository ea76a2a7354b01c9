package io.mintage.ui.admin.internal;

import java.util.Arrays;
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
import io.mintage.ui.admin.model.KeyCeremonyForm;

/**
 * The key ceremony ({@code admin init}): the authority's name and validity, where its key is made, and
 * the passphrase (or PIN) typed twice, which must be what the chosen source gives later signings. The
 * passphrase fields are read as characters, compared, and cleared with the arrays as soon as the check
 * is done; nothing of them is logged or kept.
 */
final class KeyCeremonyDialog extends TitleAreaDialog {

	private final AdminModel model;
	private final KeyCeremonyForm form = new KeyCeremonyForm();
	private Text name;
	private Text validUntil;
	private Text passphrase;
	private Text again;

	private KeyCeremonyDialog(Shell parent, AdminModel model) {
		super(parent);
		this.model = model;
	}

	static void open(Shell parent, AdminModel model) {
		new KeyCeremonyDialog(parent, model).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Create the authority");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Key ceremony: create the company's authority");
		setMessage("Its key signs every station certificate, quota and job; the firmware trusts only it.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		name = Fields.text(fields, "&Name:", "", SWT.NONE);
		name.setMessage("Acme Authority");
		validUntil = Fields.text(fields, "&Valid until:", KeyCeremonyForm.defaultValidUntil(model.clock().instant()),
				SWT.NONE);
		new KeyLocationFields(form.location(), this::check).create(fields, model.view().defaultKeystore(), false);
		passphrase = Fields.text(fields, "Pass&phrase or PIN:", "", SWT.PASSWORD);
		again = Fields.text(fields, "&Again:", "", SWT.PASSWORD);
		name.addListener(SWT.Modify, event -> check());
		validUntil.addListener(SWT.Modify, event -> check());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "C&reate", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		check();
	}

	/** The problem of the fields before the passphrase, on the dialog; Create only when there is none. */
	private void check() {
		if (name == null || validUntil == null) {
			return;
		}
		form.name(name.getText());
		form.validUntil(validUntil.getText());
		Optional<String> problem = form.problem(model.clock().instant());
		setErrorMessage(problem.orElse(null));
		Button create = getButton(IDialogConstants.OK_ID);
		if (create != null) {
			create.setEnabled(problem.isEmpty());
		}
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
		Outcome.reportFailure(getParentShell(), "Create the authority",
				model.createAuthority(form.name(), form.notAfter(), form.location().location()));
		super.okPressed();
	}
}
