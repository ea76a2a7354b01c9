package io.mintage.ui.admin.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.mintage.admin.Firmware;
import io.mintage.admin.RecordOptionChoices;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.AdminView.ProductView;
import io.mintage.ui.admin.model.Texts;

/**
 * The products and their firmware: product id (what the firmware checks), name, MCU family; each
 * firmware version with the SHA-256 records may bind, its file and image; and the record options a job
 * of the product can carry on its family's chips (firmware hash binding, protection level, record
 * place), as the family's descriptor allows them.
 */
public final class ProductsPart implements ShownState {

	private final AdminModel model;
	private final Selections selections;
	private Composite content;
	private Label heading;
	private TableView<ProductView> products;
	private Label firmwareTitle;
	private TableView<Firmware> firmware;
	private Label options;
	private AdminView shown;

	@Inject
	public ProductsPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		heading = Fields.heading(parent, 1);
		SashForm sash = Fields.split(parent);
		products = new TableView<>(sash, ProductView.class,
				new Column<ProductView>("Product id", 110, p -> p.product().id().toString()),
				new Column<ProductView>("Name", 170, p -> p.product().name()),
				new Column<ProductView>("MCU family", 100, p -> p.product().mcuFamily()),
				new Column<ProductView>("Firmware versions", 130, p -> Integer.toString(p.firmware().size())),
				new Column<ProductView>("Added", 100, p -> Texts.date(p.product().createdAt())))
				.onSelection(this::selected);
		Composite lower = Fields.column(sash);
		firmwareTitle = Fields.line(lower);
		firmware = new TableView<>(lower, Firmware.class, new Column<Firmware>("Version", 90, Firmware::version),
				new Column<Firmware>("SHA-256", 500, Firmware::sha256),
				new Column<Firmware>("Size", 70, f -> f.size() + " B"),
				new Column<Firmware>("File", 130, Firmware::fileName),
				new Column<Firmware>("Image", 190, f -> String.format("0x%08X, %d bytes", f.imageStart(), f.imageLength())),
				new Column<Firmware>("Added", 100, f -> Texts.date(f.addedAt()))).filling(SWT.DEFAULT);
		options = Fields.words(lower, 1, "");
		sash.setWeights(40, 60);
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "Add pro&duct…", () -> ProductActions.addProduct(parent.getShell(), model));
		Fields.button(buttons, "Add fir&mware…", () -> ProductActions.addFirmware(parent.getShell(), model, selections));
		ModelFollower.follow(model, parent, this::show);
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		products.focus();
	}

	private void show(AdminView view) {
		shown = view;
		heading.setText(view.products().isEmpty() ? "No product yet"
				: view.products().size() + (view.products().size() == 1 ? " product" : " products"));
		products.show(view.products());
		products.select(selections.product().flatMap(view::product).or(() -> view.products().stream().findFirst()));
		selected();
		content.layout(true, true);
	}

	private void selected() {
		Optional<ProductView> product = products.selected();
		product.ifPresent(p -> selections.product(Optional.of(p.product().id())));
		firmwareTitle.setText(product.map(p -> "Firmware of " + p.label()).orElse("Firmware (select a product)"));
		firmware.show(product.map(ProductView::firmware).orElse(List.of()));
		options.setText(product.map(p -> recordOptions(p, shown)).orElse(""));
		content.layout(true, true);
	}

	/** The record options a job of the product may carry, in words, from its family's descriptor. */
	static String recordOptions(ProductView product, AdminView view) {
		Optional<McuFamily> family = view.family(product.product().mcuFamily());
		if (family.isEmpty()) {
			return "The MCU family '" + product.product().mcuFamily() + "' is not installed here.";
		}
		RecordOptionChoices choices = RecordOptionChoices.of(family.get());
		List<String> levels = choices.settableLevels().stream().map(Protection.Level::name).toList();
		List<String> places = choices.placements().stream().map(RecordPlacement::id).toList();
		return "Record options for " + family.get().displayName() + " jobs: bind the firmware hash (devices then refuse"
				+ " other firmware); protection "
				+ (levels.isEmpty() ? "none documented" : "'" + String.join("', '", levels) + "' or left as found")
				+ (choices.refusedLevels().isEmpty() ? ""
						: " (never " + String.join(", ", choices.refusedLevels().stream().map(l -> "'" + l.name() + "'")
								.toList()) + ")")
				+ "; record in " + String.join(" or ", places) + " (default: the family's place)"
				+ (choices.hasUndocumentedUid() ? "; chips with an undocumented UID may be accepted" : "") + ".";
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("products.heading", heading.getText());
		products.report(state, "product");
		state.put("firmware.title", firmwareTitle.getText());
		firmware.report(state, "firmware");
		state.put("products.options", options.getText());
		return state;
	}
}
