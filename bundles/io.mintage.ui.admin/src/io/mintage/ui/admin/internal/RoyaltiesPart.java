package io.mintage.ui.admin.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.Station;
import io.mintage.admin.royalty.RoyaltyLine;
import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.AdminView.ProductView;
import io.mintage.ui.admin.model.BarChart;

/**
 * What the stations owe for a period: the period (UTC days), one station or all, one product or all;
 * the statement as a table — station, product, devices counted, royalty per device, amount — with its
 * total, a bar chart per station, and the export as CSV or PDF. One statement per currency; a choice
 * appears when there are several. Added up again when the period changes or a report is imported.
 */
public final class RoyaltiesPart implements ShownState {

	private static final String ALL_STATIONS = "All stations";
	private static final String ALL_PRODUCTS = "All products";

	private final AdminModel model;
	private final Selections selections;
	private Composite content;
	private Text from;
	private Text to;
	private Combo station;
	private Combo product;
	private Combo currency;
	private Label heading;
	private TableView<RoyaltyLine> table;
	private Label total;
	private RoyaltyChart chart;
	private List<Station> stations = List.of();
	private List<ProductView> products = List.of();
	private List<RoyaltyStatement> statements = List.of();
	private Optional<RoyaltyStatement> shown = Optional.empty();
	private int reportsSeen = -1;

	@Inject
	public RoyaltiesPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		Composite query = new Composite(parent, SWT.NONE);
		GridLayout queryLayout = new GridLayout(9, false);
		queryLayout.marginWidth = 0;
		query.setLayout(queryLayout);
		query.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		LocalDate today = LocalDate.now(model.clock().withZone(ZoneOffset.UTC));
		from = dateField(query, "Fro&m:", today.withDayOfMonth(1));
		to = dateField(query, "T&o:", today);
		station = new Combo(query, SWT.READ_ONLY);
		product = new Combo(query, SWT.READ_ONLY);
		org.eclipse.swt.widgets.Button show = new org.eclipse.swt.widgets.Button(query, SWT.PUSH);
		show.setText("Sho&w");
		show.addListener(SWT.Selection, event -> addUp());
		currency = new Combo(query, SWT.READ_ONLY);
		currency.addListener(SWT.Selection, event -> choose(currency.getSelectionIndex()));
		Fields.shownIf(setData(currency), false);
		setData(station);
		setData(product);
		heading = Fields.heading(parent, 1);
		table = new TableView<>(parent, RoyaltyLine.class, new Column<RoyaltyLine>("Station", 150, RoyaltyLine::station),
				new Column<RoyaltyLine>("Product", 190, RoyaltyLine::product),
				new Column<RoyaltyLine>("Devices", 80, line -> Long.toString(line.devices())),
				new Column<RoyaltyLine>("Per device", 100, line -> formatted(line.perDevice())),
				new Column<RoyaltyLine>("Amount", 120, line -> formatted(line.amount()))).filling(150);
		total = Fields.line(parent);
		new Label(parent, SWT.NONE).setText("Owed per station:");
		chart = new RoyaltyChart(parent);
		GridData chartData = new GridData(SWT.FILL, SWT.FILL, true, true);
		chartData.heightHint = 120;
		chart.setLayoutData(chartData);
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "Export statement (P&DF or CSV)…   Ctrl+S",
				() -> ReportActions.exportStatement(parent.getShell(), model, selections));
		ModelFollower.follow(model, parent, this::viewChanged);
	}

	private static Combo setData(Combo combo) {
		GridData data = new GridData(SWT.LEFT, SWT.CENTER, false, false);
		// a station's name and serial can be long: the choice stays this wide and shows the start
		data.widthHint = 190;
		combo.setLayoutData(data);
		return combo;
	}

	private static Text dateField(Composite parent, String label, LocalDate value) {
		new Label(parent, SWT.NONE).setText(label);
		Text text = new Text(parent, SWT.BORDER);
		text.setText(value.toString());
		GridData data = new GridData(SWT.LEFT, SWT.CENTER, false, false);
		data.widthHint = 90;
		text.setLayoutData(data);
		return text;
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		from.setFocus();
	}

	/** New stations or products fill the choices; a new report adds the royalties up again. */
	private void viewChanged(AdminView view) {
		if (!view.stations().equals(stations)) {
			stations = view.stations();
			refill(station, ALL_STATIONS, stations.stream().map(s -> s.name() + " (" + s.serial() + ")").toList());
		}
		if (!view.products().equals(products)) {
			products = view.products();
			refill(product, ALL_PRODUCTS, products.stream().map(ProductView::label).toList());
		}
		if (view.state() == AdminView.State.READY && view.reports().size() != reportsSeen) {
			reportsSeen = view.reports().size();
			addUp();
		}
		content.layout(true, true);
	}

	private static void refill(Combo combo, String all, List<String> items) {
		int selected = Math.max(0, combo.getSelectionIndex());
		combo.removeAll();
		combo.add(all);
		items.forEach(combo::add);
		combo.select(selected < combo.getItemCount() ? selected : 0);
	}

	/** Asks the royalty service for the period and choices shown; the answer comes back on the UI thread. */
	private void addUp() {
		LocalDate first;
		LocalDate last;
		try {
			first = LocalDate.parse(from.getText().strip());
			last = LocalDate.parse(to.getText().strip());
		} catch (DateTimeParseException e) {
			heading.setText("Write the period's days as 2026-01-31.");
			return;
		}
		if (last.isBefore(first)) {
			heading.setText("The period ends on " + last + ", before it starts on " + first + ".");
			return;
		}
		int s = station.getSelectionIndex();
		int p = product.getSelectionIndex();
		RoyaltyQuery query = new RoyaltyQuery(first, last,
				s <= 0 ? Optional.empty() : Optional.of(stations.get(s - 1).serial()),
				p <= 0 ? Optional.empty() : Optional.of(Long.toString(products.get(p - 1).product().id().value())));
		heading.setText("Adding up royalties…");
		model.statements(query).whenComplete((result, failure) -> content.getDisplay().asyncExec(() -> {
			if (content.isDisposed()) {
				return;
			}
			if (failure != null) {
				Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
				statements = List.of();
				choose(-1);
				heading.setText("The royalties could not be added up: " + cause.getMessage());
				return;
			}
			statements = result;
			List<String> codes = new ArrayList<>();
			result.forEach(one -> codes.add(one.currency().getCurrencyCode()));
			currency.setItems(codes.toArray(String[]::new));
			Fields.shownIf(currency, codes.size() > 1);
			choose(result.isEmpty() ? -1 : 0);
			content.layout(true, true);
		}));
	}

	private void choose(int index) {
		shown = index < 0 || index >= statements.size() ? Optional.empty() : Optional.of(statements.get(index));
		if (index >= 0 && currency.getItemCount() > index) {
			currency.select(index);
		}
		selections.statement(shown);
		table.show(shown.map(RoyaltyStatement::lines).orElse(List.of()));
		heading.setText(shown.map(s -> "Royalty statement " + s.from() + " to " + s.to() + " ("
				+ s.currency().getCurrencyCode() + ")").orElse("Nothing is owed for " + from.getText().strip() + " to "
						+ to.getText().strip() + " (no counted devices with a royalty)"));
		total.setText(shown.map(s -> "Total: " + s.format(s.total()) + " " + s.currency().getCurrencyCode() + " for "
				+ s.devices() + " devices").orElse(""));
		chart.show(shown);
		content.layout(true, true);
	}

	private String formatted(java.math.BigDecimal amount) {
		return shown.map(s -> s.format(amount)).orElse(amount.toPlainString());
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("royalties.period", from.getText() + " to " + to.getText());
		state.put("royalties.heading", heading.getText());
		table.report(state, "royalty");
		state.put("royalties.total", total.getText());
		List<BarChart.Bar> bars = chart.bars();
		for (int i = 0; i < bars.size(); i++) {
			state.put("chart." + (i + 1), bars.get(i).label() + ": " + bars.get(i).amount() + " (" + bars.get(i).length()
					+ " px)");
		}
		return state;
	}
}
