package io.mintage.ui.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.trust.ProductId;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView.ProductView;

/**
 * Adds a firmware version to a product ({@code admin add-firmware}): the file (Intel HEX, S-record, ELF,
 * or raw binary with its base address), read in the background for its hash, and its version label.
 */
final class AddFirmwareDialog extends TitleAreaDialog {

	private final AdminModel model;
	private final Optional<ProductId> preselected;
	private List<ProductView> products;
	private Combo product;
	private Text file;
	private Text version;
	private Text base;

	private AddFirmwareDialog(Shell parent, AdminModel model, Optional<ProductId> preselected) {
		super(parent);
		this.model = model;
		this.preselected = preselected;
	}

	static void open(Shell parent, AdminModel model, Optional<ProductId> preselected) {
		new AddFirmwareDialog(parent, model, preselected).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Add firmware");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Add a firmware version");
		setMessage("The file is kept whole in the admin database; jobs carry exactly these bytes.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		new Label(fields, SWT.NONE).setText("&Product:");
		product = new Combo(fields, SWT.READ_ONLY);
		product.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		products = model.view().products();
		products.forEach(one -> product.add(one.label()));
		int index = 0;
		for (int i = 0; i < products.size(); i++) {
			if (preselected.equals(Optional.of(products.get(i).product().id()))) {
				index = i;
			}
		}
		product.select(index);
		file = Fields.text(fields, "&File:", "", SWT.NONE);
		Button browse = new Button(fields, SWT.PUSH);
		browse.setText("&Browse…");
		browse.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false, 2, 1));
		browse.addListener(SWT.Selection, event -> FileChoice.open(getShell(), "The firmware file", "*.hex;*.srec;*.s19;*.elf;*.bin",
				"Firmware (HEX, S-record, ELF, binary)").ifPresent(path -> {
					file.setText(path.toString());
					if (version.getText().isBlank()) {
						version.setText(path.getFileName().toString());
					}
				}));
		version = Fields.text(fields, "&Version:", "", SWT.NONE);
		version.setMessage("1.4.2");
		base = Fields.text(fields, "Base &address:", "", SWT.NONE);
		base.setMessage("only for a raw binary, such as 0x08000000");
		file.addListener(SWT.Modify, event -> check());
		version.addListener(SWT.Modify, event -> check());
		base.addListener(SWT.Modify, event -> check());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Add", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		check();
	}

	private Optional<String> problem() {
		if (file.getText().isBlank()) {
			return Optional.of("Choose the firmware file.");
		}
		if (!Files.isRegularFile(Path.of(file.getText().strip()))) {
			return Optional.of("There is no file " + file.getText().strip() + ".");
		}
		if (version.getText().isBlank()) {
			return Optional.of("Give the version label, such as 1.4.2.");
		}
		try {
			baseAddress();
		} catch (CommandException e) {
			return Optional.of(e.getMessage() + ".");
		}
		return Optional.empty();
	}

	private OptionalLong baseAddress() throws CommandException {
		return base.getText().isBlank() ? OptionalLong.empty()
				: OptionalLong.of(Arguments.parseAddress("The base address", base.getText().strip()));
	}

	private void check() {
		Optional<String> problem = problem();
		setErrorMessage(problem.orElse(null));
		if (getButton(IDialogConstants.OK_ID) != null) {
			getButton(IDialogConstants.OK_ID).setEnabled(problem.isEmpty());
		}
	}

	@Override
	protected void okPressed() {
		try {
			Outcome.reportFailure(getParentShell(), "Add firmware",
					model.addFirmware(products.get(product.getSelectionIndex()).product().id(), version.getText().strip(),
							Path.of(file.getText().strip()), baseAddress()));
		} catch (CommandException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		super.okPressed();
	}
}
