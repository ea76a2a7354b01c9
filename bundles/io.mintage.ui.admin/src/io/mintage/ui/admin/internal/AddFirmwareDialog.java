package io.mintage.ui.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
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
final class AddFirmwareDialog extends FieldsDialog {

	private final AdminModel model;
	private final Optional<ProductId> preselected;
	private List<ProductView> products;
	private Combo product;
	private Text file;
	private Text version;
	private Text base;

	AddFirmwareDialog(Shell parent, AdminModel model, Optional<ProductId> preselected) {
		super(parent, "Add firmware", "Add a firmware version",
				"The file is kept whole in the admin database; jobs carry exactly these bytes.", "&Add", true);
		this.model = model;
		this.preselected = preselected;
	}

	@Override
	protected void createFields(Composite fields) {
		products = model.view().products();
		product = Fields.choice(fields, "&Product:", products.stream().map(ProductView::label).toList(),
				Fields.indexOf(products, one -> preselected.equals(Optional.of(one.product().id()))));
		file = Fields.text(fields, "&File:", "", SWT.NONE);
		Fields.browse(fields, "&Browse…", () -> FileChoice.open(getShell(), "The firmware file",
				"*.hex;*.srec;*.s19;*.elf;*.bin", "Firmware (HEX, S-record, ELF, binary)").ifPresent(path -> {
					file.setText(path.toString());
					if (version.getText().isBlank()) {
						version.setText(path.getFileName().toString());
					}
				}));
		version = Fields.text(fields, "&Version:", "", SWT.NONE);
		version.setMessage("1.4.2");
		// not "&address": Alt+A is the Add button's
		base = Fields.text(fields, "Base a&ddress:", "", SWT.NONE);
		base.setMessage("only for a raw binary, such as 0x08000000");
		checkWhenChanged(file, version, base);
	}

	@Override
	protected Optional<String> problem() {
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

	@Override
	protected void okPressed() {
		try {
			started(model.addFirmware(products.get(product.getSelectionIndex()).product().id(), version.getText().strip(),
					Path.of(file.getText().strip()), baseAddress()));
		} catch (CommandException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		super.okPressed();
	}
}
