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
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.mintage.admin.Quota;
import io.mintage.admin.Station;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.AdminView.JobView;
import io.mintage.ui.admin.model.AdminView.QuotaView;
import io.mintage.ui.admin.model.Texts;

/**
 * Quotas and jobs: every quota issued with its station, product, serial range (never overlapping another
 * quota of the product), count and what is left of it after the production reports, validity and
 * royalty per device; every job package with its firmware and record options. The issue wizard makes
 * new ones; a job file can be written again to hand it over.
 */
public final class QuotasPart implements ShownState {

	private final AdminModel model;
	private final Selections selections;
	private Composite content;
	private Label heading;
	private TableView<QuotaView> quotas;
	private Label jobsTitle;
	private TableView<JobView> jobs;
	private Button exportJob;
	private Button exportKey;
	private AdminView shown;

	@Inject
	public QuotasPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		heading = Fields.heading(parent, 1);
		SashForm sash = Fields.split(parent);
		quotas = new TableView<>(sash, QuotaView.class,
				new Column<QuotaView>("Quota", 80, q -> Texts.shortId(q.quota().id())),
				new Column<QuotaView>("Station", 120, q -> station(q.quota())),
				new Column<QuotaView>("Product", 120, QuotaView::productName),
				new Column<QuotaView>("Serials", 110, q -> Texts.serials(q.quota())),
				new Column<QuotaView>("Count", 60, q -> Long.toString(q.quota().count())),
				new Column<QuotaView>("Left", 60, q -> Long.toString(q.left())),
				new Column<QuotaView>("Valid until", 100,
						q -> q.quota().validUntil().map(Texts::date).orElse("unknown")),
				new Column<QuotaView>("Royalty per device", 140, q -> Texts.royalty(q.quota().royalty())));
		quotas.onSelection(() -> {
			quotas.selected().ifPresent(q -> selections.quota(Optional.of(q.quota().id())));
			updateButtons();
		});
		Composite lower = Fields.column(sash);
		jobsTitle = Fields.line(lower);
		jobs = new TableView<>(lower, JobView.class, new Column<JobView>("Job", 80, j -> Texts.shortId(j.job().id())),
				new Column<JobView>("Name", 150, j -> j.job().name()),
				new Column<JobView>("Quota", 80, j -> Texts.shortId(j.job().quotaId())),
				new Column<JobView>("Firmware", 90, j -> j.firmware().map(f -> f.version()).orElse("?")),
				new Column<JobView>("Record options", 420, j -> j.job().recordOptions().summary()),
				new Column<JobView>("Issued", 130, j -> Texts.time(j.job().issuedAt()))).filling(SWT.DEFAULT);
		jobs.onSelection(() -> {
			jobs.selected().ifPresent(j -> selections.job(Optional.of(j.job().id())));
			updateButtons();
		});
		sash.setWeights(55, 45);
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "&Issue job…   Ctrl+I", () -> QuotaActions.issueJob(parent.getShell(), model, selections));
		exportJob = Fields.button(buttons, "Export &job file…",
				() -> QuotaActions.exportJob(parent.getShell(), model, selections));
		exportKey = Fields.button(buttons, "Export quota ke&y…",
				() -> QuotaActions.exportQuotaKey(parent.getShell(), model, selections));
		ModelFollower.follow(model, parent, this::show);
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		quotas.focus();
	}

	private static String station(Quota quota) {
		return Station.commonName(quota.stationSubject());
	}

	private void show(AdminView view) {
		shown = view;
		long left = view.quotas().stream().mapToLong(QuotaView::left).sum();
		heading.setText(view.quotas().isEmpty() ? "No quota issued yet"
				: view.quotas().size() + (view.quotas().size() == 1 ? " quota" : " quotas") + ", " + left
						+ " devices left to make");
		quotas.show(view.quotas());
		quotas.select(selections.quota().flatMap(view::quota));
		jobsTitle.setText(view.jobs().isEmpty() ? "No job issued yet"
				: "Jobs (" + view.jobs().size() + "), newest last");
		jobs.show(view.jobs());
		jobs.select(selections.job().flatMap(id -> view.jobs().stream().filter(j -> j.job().id().equals(id)).findFirst()));
		updateButtons();
		content.layout(true, true);
	}

	private void updateButtons() {
		exportJob.setEnabled(shown != null && !shown.jobs().isEmpty());
		exportKey.setEnabled(quotas.selected().filter(q -> !q.quota().imported()).isPresent());
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("quotas.heading", heading.getText());
		List<QuotaView> rows = quotas.rows();
		for (int i = 0; i < rows.size(); i++) {
			state.put("quota." + (i + 1), quotas.cells(rows.get(i)));
			state.put("quota." + (i + 1) + ".left", Texts.left(rows.get(i)));
		}
		state.put("jobs.title", jobsTitle.getText());
		jobs.report(state, "job");
		return state;
	}
}
