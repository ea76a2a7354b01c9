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
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportCheckResult;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.Texts;

/**
 * The production reports imported from the stations: who signed each and when, its verdict (accepted,
 * flagged, rejected) and what it counted; for the report selected, every check with its result — the
 * signature, the chain and its continuity from the station's last accepted report, every device record,
 * serials within range, count within quota, duplicates across stations, reworks, failures after
 * authorization — and the findings of the check selected. Importing runs in the background with a
 * progress bar in the status line.
 */
public final class ReportsPart implements ShownState {

	private final AdminModel model;
	private final Selections selections;
	private Composite content;
	private Label heading;
	private TableView<ImportedReport> reports;
	private Label checksTitle;
	private TableView<ReportCheckResult> checks;
	private Label findingsTitle;
	private org.eclipse.swt.widgets.List findings;
	private Button countDespite;
	private AdminView shown;

	@Inject
	public ReportsPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		heading = Fields.heading(parent, 1);
		SashForm sash = Fields.split(parent);
		reports = new TableView<>(sash, ImportedReport.class,
				new Column<ImportedReport>("Signed (UTC)", 130, r -> Texts.time(r.signedAt())),
				new Column<ImportedReport>("Station", 110, ImportedReport::station),
				new Column<ImportedReport>("Verdict", 90, r -> r.status().name()),
				new Column<ImportedReport>("Counted", 70, r -> Long.toString(r.counts().counted())),
				new Column<ImportedReport>("Completed", 80, r -> Long.toString(r.counts().completed())),
				new Column<ImportedReport>("Reworks", 70, r -> Long.toString(r.counts().reworks())),
				new Column<ImportedReport>("Events", 60, r -> Long.toString(r.counts().events())),
				new Column<ImportedReport>("Imported (UTC)", 130, r -> Texts.time(r.importedAt())),
				new Column<ImportedReport>("Report", 80, r -> Texts.shortId(r.reportId())))
				.onSelection(this::selectedReport);
		Composite lower = Fields.column(sash);
		checksTitle = Fields.line(lower);
		checks = new TableView<>(lower, ReportCheckResult.class,
				new Column<ReportCheckResult>("Check", 190, ReportCheckResult::id),
				new Column<ReportCheckResult>("Result", 60, c -> c.waived() ? "WAIVED" : c.outcome().name()),
				new Column<ReportCheckResult>("Findings", 70, c -> Long.toString(c.findingCount())),
				new Column<ReportCheckResult>("Summary", 560, ReportCheckResult::summary)).filling(SWT.DEFAULT)
				.onSelection(this::selectedCheck);
		findingsTitle = Fields.line(lower);
		findings = new org.eclipse.swt.widgets.List(lower, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		GridData findingsData = new GridData(SWT.FILL, SWT.FILL, true, false);
		findingsData.heightHint = 70;
		findings.setLayoutData(findingsData);
		sash.setWeights(28, 72);
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "Import rep&ort…   Ctrl+R", () -> ReportActions.importReport(parent.getShell(), model));
		// a rejected report is resolved by importing it again with the administrator's waiver
		countDespite = Fields.button(buttons, "Cou&nt despite findings…", () -> reports.selected()
				.ifPresent(report -> ReportActions.countDespiteFindings(parent.getShell(), model, report)));
		ModelFollower.follow(model, parent, this::show);
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		reports.focus();
	}

	private void show(AdminView view) {
		int before = shown == null ? 0 : shown.reports().size();
		shown = view;
		List<ImportedReport> all = view.reports();
		long rejected = all.stream().filter(r -> r.status() == io.mintage.admin.ReportStatus.REJECTED).count();
		long counted = all.stream().mapToLong(r -> r.counts().counted()).sum();
		heading.setText(view.problem().filter(p -> p.startsWith("The production reports")).orElse(all.isEmpty()
				? "No production report imported yet"
				: all.size() + (all.size() == 1 ? " report, " : " reports, ") + counted + " devices counted"
						+ (rejected > 0 ? ", " + rejected + " rejected" : "")));
		reports.show(all);
		// a report just imported is selected; otherwise the one selected before, or the newest
		Optional<ImportedReport> newest = all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
		reports.select(all.size() > before ? newest : selections.report().flatMap(view::report).or(() -> newest));
		selectedReport();
		content.layout(true, true);
	}

	private void selectedReport() {
		Optional<ImportedReport> report = reports.selected();
		report.ifPresent(r -> selections.report(Optional.of(r.reportId())));
		checksTitle.setText(report.map(r -> "Checks of the report of " + r.station() + " signed " + Texts.time(r.signedAt())
				+ " UTC: " + r.status().name().toLowerCase(java.util.Locale.ROOT)).orElse("Checks (select a report)"));
		countDespite.setEnabled(report.filter(r -> r.status() == io.mintage.admin.ReportStatus.REJECTED).isPresent());
		List<ReportCheckResult> results = report.map(ImportedReport::checks).orElse(List.of());
		checks.show(results);
		// the first check that did not pass, so its findings show at once
		checks.select(results.stream().filter(c -> c.outcome() != CheckOutcome.PASS).findFirst()
				.or(() -> results.stream().findFirst()));
		selectedCheck();
	}

	private void selectedCheck() {
		Optional<ReportCheckResult> check = checks.selected();
		findingsTitle.setText(check.map(c -> c.findingCount() == 0 ? "No findings for " + c.id()
				: "Findings for " + c.id() + (c.findingCount() > c.findings().size()
						? " (the first " + c.findings().size() + " of " + c.findingCount() + ")"
						: " (" + c.findingCount() + ")")).orElse(""));
		findings.setItems(check.map(c -> c.findings().toArray(String[]::new)).orElse(new String[0]));
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("reports.heading", heading.getText());
		reports.report(state, "report");
		state.put("checks.title", checksTitle.getText());
		for (ReportCheckResult check : reports.selected().map(ImportedReport::checks).orElse(List.of())) {
			state.put("check." + check.id(), Texts.check(check));
		}
		state.put("findings.title", findingsTitle.getText());
		String[] items = findings.getItems();
		for (int i = 0; i < items.length && i < 5; i++) {
			state.put("finding." + (i + 1), items[i]);
		}
		return state;
	}
}
