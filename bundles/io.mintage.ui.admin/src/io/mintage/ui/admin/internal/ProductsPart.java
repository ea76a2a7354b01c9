package io.mintage.ui.admin.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
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
	private final Consumer<AdminView> listener = this::show;
	private Column<ProductView>[] productColumns;
	private Column<Firmware>[] firmwareColumns;
	private Composite content;
	private Label heading;
	private TableViewer products;
	private Label firmwareTitle;
	private TableViewer firmware;
	private Label options;
	private AdminView shown;

	@Inject
	public ProductsPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	@SuppressWarnings("unchecked")
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		heading = Fields.heading(parent, 1);
		SashForm sash = new SashForm(parent, SWT.VERTICAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		productColumns = new Column[] { new Column<ProductView>("Product id", 110, p -> p.product().id().toString()),
				new Column<ProductView>("Name", 170, p -> p.product().name()),
				new Column<ProductView>("MCU family", 100, p -> p.product().mcuFamily()),
				new Column<ProductView>("Firmware versions", 130, p -> Integer.toString(p.firmware().size())),
				new Column<ProductView>("Added", 100, p -> Texts.date(p.product().createdAt())) };
		products = Column.table(sash, productColumns);
		products.addSelectionChangedListener(event -> selected());
		Composite lower = new Composite(sash, SWT.NONE);
		GridLayout lowerLayout = Fields.grid(1);
		lowerLayout.marginWidth = 0;
		lower.setLayout(lowerLayout);
		firmwareTitle = new Label(lower, SWT.NONE);
		firmwareTitle.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		firmwareColumns = new Column[] { new Column<Firmware>("Version", 90, Firmware::version),
				new Column<Firmware>("SHA-256", 500, Firmware::sha256),
				new Column<Firmware>("Size", 70, f -> f.size() + " B"),
				new Column<Firmware>("File", 130, Firmware::fileName),
				new Column<Firmware>("Image", 190, f -> String.format("0x%08X, %d bytes", f.imageStart(), f.imageLength())),
				new Column<Firmware>("Added", 100, f -> Texts.date(f.addedAt())) };
		firmware = Column.table(lower, firmwareColumns);
		firmware.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		options = Fields.words(lower, 1, "");
		sash.setWeights(40, 60);
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "Add pro&duct…", () -> ProductActions.addProduct(parent.getShell(), model));
		Fields.button(buttons, "Add fir&mware…", () -> ProductActions.addFirmware(parent.getShell(), model, selections));
		model.addListener(listener);
		show(model.view());
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		products.getTable().setFocus();
	}

	@PreDestroy
	public void dispose() {
		model.removeListener(listener);
	}

	private void show(AdminView view) {
		if (content == null || content.isDisposed()) {
			return;
		}
		shown = view;
		heading.setText(view.products().isEmpty() ? "No product yet"
				: view.products().size() + (view.products().size() == 1 ? " product" : " products"));
		products.setInput(view.products());
		Optional<ProductView> keep = selections.product().flatMap(view::product)
				.or(() -> view.products().stream().findFirst());
		keep.ifPresent(product -> products.setSelection(new StructuredSelection(product), true));
		selected();
		content.layout(true, true);
	}

	private Optional<ProductView> selection() {
		Object first = ((IStructuredSelection) products.getSelection()).getFirstElement();
		return first instanceof ProductView product ? Optional.of(product) : Optional.empty();
	}

	private void selected() {
		Optional<ProductView> product = selection();
		product.ifPresent(p -> selections.product(Optional.of(p.product().id())));
		firmwareTitle.setText(product.map(p -> "Firmware of " + p.label()).orElse("Firmware (select a product)"));
		firmware.setInput(product.map(ProductView::firmware).orElse(List.of()));
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
		List<ProductView> rows = shown == null ? List.of() : shown.products();
		for (int i = 0; i < rows.size(); i++) {
			state.put("product." + (i + 1), Column.row(rows.get(i), productColumns));
		}
		state.put("firmware.title", firmwareTitle.getText());
		List<Firmware> versions = selection().map(ProductView::firmware).orElse(List.of());
		for (int i = 0; i < versions.size(); i++) {
			state.put("firmware." + (i + 1), Column.row(versions.get(i), firmwareColumns));
		}
		state.put("products.options", options.getText());
		return state;
	}
}
