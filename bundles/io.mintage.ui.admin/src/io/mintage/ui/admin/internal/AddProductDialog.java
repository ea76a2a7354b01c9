package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.ProductId;
import io.mintage.ui.admin.model.AdminModel;

/** Adds a product ({@code admin add-product}): the id its firmware checks, its name, its MCU family. */
final class AddProductDialog extends FieldsDialog {

	private final AdminModel model;
	private List<McuFamily> families;
	private Text id;
	private Text name;
	private Combo family;

	AddProductDialog(Shell parent, AdminModel model) {
		super(parent, "Add a product", "Add a product",
				"The product id is what the firmware checks in every device record; it never changes.", "&Add", true);
		this.model = model;
	}

	@Override
	protected void createFields(Composite fields) {
		id = Fields.text(fields, "Product &id:", "", SWT.NONE);
		id.setMessage("0x13572468 or 4242");
		name = Fields.text(fields, "&Name:", "", SWT.NONE);
		name.setMessage("Sensor v2");
		families = model.view().families();
		family = Fields.choice(fields, "MCU &family:",
				families.stream().map(one -> one.displayName() + " (" + one.id() + ")").toList(), 0);
		checkWhenChanged(id, name);
	}

	@Override
	protected Optional<String> problem() {
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

	@Override
	protected void okPressed() {
		try {
			started(model.addProduct(productId(), name.getText().strip(), families.get(family.getSelectionIndex()).id()));
		} catch (CommandException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		super.okPressed();
	}
}
