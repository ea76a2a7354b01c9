package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.ProductId;
import io.mintage.ui.admin.model.AdminModel;

/** Adds a product ({@code admin add-product}): the id its firmware checks, its name, its MCU family. */
final class AddProductDialog extends TitleAreaDialog {

	private final AdminModel model;
	private List<McuFamily> families;
	private Text id;
	private Text name;
	private Combo family;

	private AddProductDialog(Shell parent, AdminModel model) {
		super(parent);
		this.model = model;
	}

	static void open(Shell parent, AdminModel model) {
		new AddProductDialog(parent, model).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Add a product");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Add a product");
		setMessage("The product id is what the firmware checks in every device record; it never changes.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		id = Fields.text(fields, "Product &id:", "", SWT.NONE);
		id.setMessage("0x13572468 or 4242");
		name = Fields.text(fields, "&Name:", "", SWT.NONE);
		name.setMessage("Sensor v2");
		new Label(fields, SWT.NONE).setText("MCU &family:");
		family = new Combo(fields, SWT.READ_ONLY);
		family.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		families = model.view().families();
		for (McuFamily one : families) {
			family.add(one.displayName() + " (" + one.id() + ")");
		}
		if (!families.isEmpty()) {
			family.select(0);
		}
		id.addListener(SWT.Modify, event -> check());
		name.addListener(SWT.Modify, event -> check());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Add", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		check();
	}

	private Optional<String> problem() {
		if (id.getText().isBlank()) {
			return Optional.of("Give the product id, such as 0x13572468.");
		}
		try {
			productId();
		} catch (CommandException e) {
			return Optional.of(e.getMessage() + ".");
		}
		if (name.getText().isBlank()) {
			return Optional.of("Give the product's name, as operators will read it.");
		}
		if (family.getSelectionIndex() < 0) {
			return Optional.of("No MCU family is installed.");
		}
		return Optional.empty();
	}

	private ProductId productId() throws CommandException {
		return new ProductId(Arguments.parseNumber("The product id", id.getText().strip(), 0, 0xFFFF_FFFFL));
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
			Outcome.reportFailure(getParentShell(), "Add a product", model.addProduct(productId(), name.getText().strip(),
					families.get(family.getSelectionIndex()).id()));
		} catch (CommandException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		super.okPressed();
	}
}
