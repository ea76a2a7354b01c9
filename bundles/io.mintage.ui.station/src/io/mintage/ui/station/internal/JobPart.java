package io.mintage.ui.station.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import io.mintage.station.engine.Production.JobSummary;
import io.mintage.ui.ShownState;
import io.mintage.ui.station.model.JobView;
import io.mintage.ui.station.model.StationModel;
import io.mintage.ui.station.model.StationView;
import io.mintage.ui.station.model.Tally;

/**
 * The job panel: which job runs (a choice when the station has several), its product, firmware and
 * validity, the quota left as a gauge with the number on it, a banner in plain words when production
 * cannot go on — or, for a run of several jobs at once (one per MCU family), a compact block per job
 * with the same lines, its own gauge and its own banner when that job stops — the counters of this shift, today and in total with failures and yield, and the
 * buttons that act on every site: Start all (F5), Stop all (F6), auto-start, add a site, export the
 * production report.
 */
public final class JobPart implements ShownState {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
	private static final String[] SPANS = { "This shift", "Today", "Total" };

	private final StationModel model;
	private final Consumer<StationView> listener = this::show;
	private final Clock clock = Clock.systemDefaultZone();
	/** The combo's items: a job's id, or null for "every usable job together". */
	private final List<UUID> choices = new ArrayList<>();
	private StationLook look;
	private Composite content;
	private Combo jobChoice;
	private Label product;
	private Label details;
	private Label validity;
	private Label quotaTitle;
	private QuotaGauge quota;
	private Composite runBlocks;
	private final List<JobBlock> blocks = new ArrayList<>();
	private TextBox banner;
	private TextBox notice;
	private final Label[][] counters = new Label[3][3];
	private Label shiftSince;
	private Button startAll;
	private Button stopAll;
	private Button autoStart;
	private StationView shown;

	@Inject
	public JobPart(StationModel model) {
		this.model = model;
	}

	@PostConstruct
	public void create(Composite parent) {
		look = new StationLook(parent);
		parent.setLayout(new GridLayout(1, false));
		ScrolledComposite scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
		scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		content = new Composite(scroller, SWT.NONE);
		scroller.setContent(content);
		GridLayout layout = new GridLayout(2, false);
		layout.verticalSpacing = 8;
		content.setLayout(layout);
		scroller.addListener(SWT.Resize, event -> fit(scroller));

		label("&Job:", StationLook.NORMAL, false);
		jobChoice = new Combo(content, SWT.READ_ONLY);
		jobChoice.setFont(look.font(StationLook.NORMAL, false));
		jobChoice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		jobChoice.addListener(SWT.Selection, event -> {
			int index = jobChoice.getSelectionIndex();
			if (index < 0 || index >= choices.size()) {
				return;
			}
			UUID chosen = choices.get(index);
			if (chosen == null) {
				if (!shown.together()) {
					model.chooseAll();
				}
			} else if (shown.together() || !shown.job().map(JobSummary::id).equals(Optional.of(chosen))) {
				model.choose(chosen);
			}
		});

		product = wide(label("", StationLook.HUGE, true));
		details = wide(label("", StationLook.NORMAL, false));
		validity = wide(label("", StationLook.MEDIUM, false));
		quotaTitle = wide(label("Quota", StationLook.MEDIUM, true));
		quota = wide(new QuotaGauge(content, look));
		runBlocks = wide(new Composite(content, SWT.NONE));
		GridLayout blocksLayout = new GridLayout(1, false);
		blocksLayout.marginWidth = 0;
		blocksLayout.marginHeight = 0;
		blocksLayout.verticalSpacing = 12;
		runBlocks.setLayout(blocksLayout);
		banner = wide(new TextBox(content, look.font(StationLook.NORMAL, true), look.bannerBackground(), look.white()));
		notice = wide(new TextBox(content, look.font(StationLook.NORMAL, false), look.noticeBackground(), look.text()));

		Composite all = wide(new Composite(content, SWT.NONE));
		GridLayout allLayout = new GridLayout(2, true);
		allLayout.marginWidth = 0;
		all.setLayout(allLayout);
		startAll = big(all, "&Start all   F5");
		startAll.addListener(SWT.Selection, event -> model.startAll());
		stopAll = big(all, "S&top all   F6");
		stopAll.addListener(SWT.Selection, event -> model.stopAll());

		Composite table = wide(new Composite(content, SWT.NONE));
		GridLayout tableLayout = new GridLayout(4, false);
		tableLayout.horizontalSpacing = 14;
		tableLayout.marginWidth = 0;
		table.setLayout(tableLayout);
		cell(table, "", StationLook.NORMAL, true);
		cell(table, "Passed", StationLook.NORMAL, true);
		cell(table, "Failed", StationLook.NORMAL, true);
		cell(table, "Yield", StationLook.NORMAL, true);
		for (int row = 0; row < SPANS.length; row++) {
			cell(table, SPANS[row], StationLook.NORMAL, true);
			for (int column = 0; column < 3; column++) {
				counters[row][column] = cell(table, "0", StationLook.LARGE, true);
			}
		}

		Composite shift = wide(new Composite(content, SWT.NONE));
		GridLayout shiftLayout = new GridLayout(2, false);
		shiftLayout.marginWidth = 0;
		shift.setLayout(shiftLayout);
		shiftSince = new Label(shift, SWT.NONE);
		shiftSince.setFont(look.font(StationLook.NORMAL, false));
		shiftSince.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		Button newShift = new Button(shift, SWT.PUSH);
		newShift.setText("&New shift");
		newShift.addListener(SWT.Selection, event -> model.newShift());

		autoStart = wide(new Button(content, SWT.CHECK));
		autoStart.setText("A&uto-start every site when a job opens");
		autoStart.setToolTipText("Each site then waits for a device and begins as soon as one answers");
		autoStart.addListener(SWT.Selection, event -> model.setAutoStart(autoStart.getSelection()));

		Composite more = wide(new Composite(content, SWT.NONE));
		GridLayout moreLayout = new GridLayout(2, true);
		moreLayout.marginWidth = 0;
		more.setLayout(moreLayout);
		Button addSite = new Button(more, SWT.PUSH);
		addSite.setText("A&dd site…");
		addSite.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		addSite.addListener(SWT.Selection, event -> AddSiteDialog.open(addSite.getShell(), model));
		Button export = new Button(more, SWT.PUSH);
		export.setText("&Export report…");
		export.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		export.addListener(SWT.Selection, event -> ReportExport.ask(export.getShell(), model));

		model.addListener(listener);
		show(model.view());
		fit(scroller);
	}

	@PreDestroy
	public void dispose() {
		model.removeListener(listener);
	}

	private void show(StationView view) {
		if (content == null || content.isDisposed()) {
			return;
		}
		shown = view;
		choices.clear();
		List<String> items = new ArrayList<>();
		if (view.canRunTogether() || view.together()) {
			choices.add(null);
			items.add("All usable jobs (one per MCU family)");
		}
		for (JobSummary job : view.jobs()) {
			choices.add(job.id());
			items.add(job.name() + " (" + job.product() + ", until " + DATE.format(job.validUntil().atZone(zone())) + ")");
		}
		if (!List.of(jobChoice.getItems()).equals(items)) {
			jobChoice.setItems(items.toArray(String[]::new));
		}
		int selected = view.together() ? choices.indexOf(null)
				: view.job().map(job -> choices.indexOf(job.id())).orElse(-1);
		if (selected >= 0) {
			jobChoice.select(selected);
		} else {
			jobChoice.deselectAll();
		}
		boolean sitesIdle = view.sites().stream().noneMatch(s -> s.wanted() || s.running());
		jobChoice.setEnabled(choices.size() > 1 && sitesIdle && view.state() != StationView.State.OPENING);

		boolean several = view.severalJobs();
		if (several) {
			product.setText(view.run().size() + " jobs at once");
			details.setText("Each chip goes to the job of its family: " + String.join(", ",
					view.run().stream().map(one -> one.job().family().toUpperCase(Locale.ROOT)).toList()));
		} else {
			product.setText(view.job().map(JobSummary::product).orElse(switch (view.state()) {
			case LOADING -> "Reading the station…";
			case OPENING -> view.together() ? "Opening every usable job…" : "Opening the job…";
			default -> "No job open";
			}));
			details.setText(view.job().map(this::jobLine).orElse(""));
		}
		validity.setText(several ? "" : view.job().map(this::validity).orElse(""));
		shownIf(validity, !several);
		shownIf(quotaTitle, !several);
		shownIf(quota, !several);
		quota.show(view.quota());
		showBlocks(several ? view.run() : List.of());
		boxed(banner, view.banner());
		boxed(notice, view.state() == StationView.State.OPEN ? Optional.empty() : view.problem());

		Tally[] tallies = { view.shift(), view.today(), view.total() };
		for (int row = 0; row < tallies.length; row++) {
			counters[row][0].setText(Long.toString(tallies[row].passed()));
			counters[row][1].setText(Long.toString(tallies[row].failed()));
			counters[row][2].setText(yieldText(tallies[row]));
		}
		shiftSince.setText("Shift since " + TIME.format(view.shiftStart().atZone(zone())));
		startAll.setEnabled(view.canStartAll());
		stopAll.setEnabled(view.canStopAll());
		autoStart.setSelection(view.autoStart());
		content.layout(true, true);
		fit((ScrolledComposite) content.getParent());
	}

	private String jobLine(JobSummary job) {
		return "Job '" + job.name() + "' · " + job.family().toUpperCase(Locale.ROOT) + " · firmware "
				+ job.firmwareVersion();
	}

	/** One block per job of a run of several; made again only when the run's jobs change. */
	private void showBlocks(List<JobView> run) {
		List<UUID> ids = run.stream().map(one -> one.job().id()).toList();
		if (!ids.equals(blocks.stream().map(block -> block.id).toList())) {
			blocks.forEach(JobBlock::dispose);
			blocks.clear();
			for (JobView one : run) {
				blocks.add(new JobBlock(one.job().id()));
			}
		}
		for (int i = 0; i < run.size(); i++) {
			blocks.get(i).show(run.get(i));
		}
		shownIf(runBlocks, !run.isEmpty());
	}

	/** A job of a run of several: product and family, job and firmware, validity, its gauge and banner. */
	private final class JobBlock {

		final UUID id;
		private final Composite frame;
		private final Label title;
		private final Label line;
		private final Label valid;
		private final QuotaGauge gauge;
		private final TextBox stopped;

		JobBlock(UUID id) {
			this.id = id;
			frame = new Composite(runBlocks, SWT.NONE);
			frame.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
			GridLayout layout = new GridLayout(1, false);
			layout.marginWidth = 0;
			layout.marginHeight = 0;
			layout.verticalSpacing = 3;
			frame.setLayout(layout);
			title = blockLabel(StationLook.LARGE, true);
			line = blockLabel(StationLook.NORMAL, false);
			valid = blockLabel(StationLook.NORMAL, false);
			gauge = new QuotaGauge(frame, look);
			gauge.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
			stopped = new TextBox(frame, look.font(StationLook.NORMAL, true), look.bannerBackground(), look.white());
			stopped.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		}

		private Label blockLabel(int height, boolean bold) {
			Label label = new Label(frame, SWT.WRAP);
			label.setFont(look.font(height, bold));
			label.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
			return label;
		}

		void show(JobView view) {
			title.setText(view.job().product() + " · " + view.job().family().toUpperCase(Locale.ROOT));
			line.setText("Job '" + view.job().name() + "' · firmware " + view.job().firmwareVersion());
			valid.setText(validity(view.job()));
			gauge.show(view.quota());
			boxed(stopped, view.banner());
		}

		void dispose() {
			frame.dispose();
		}

		void report(Map<String, String> state, int number) {
			String key = "job." + number + ".";
			state.put(key + "product", title.getText());
			state.put(key + "details", line.getText());
			state.put(key + "validity", valid.getText());
			state.put(key + "quota", gauge.text());
			state.put(key + "banner", stopped.isVisible() ? stopped.getText() : "");
		}
	}

	private static void shownIf(Control control, boolean shown) {
		((GridData) control.getLayoutData()).exclude = !shown;
		control.setVisible(shown);
	}

	private String validity(JobSummary job) {
		Duration left = Duration.between(clock.instant(), job.validUntil());
		String until = "Valid until " + DATE.format(job.validUntil().atZone(zone()));
		if (left.isNegative()) {
			return until + " (expired)";
		}
		long days = left.toDays();
		return until + (days >= 1 ? " (" + days + (days == 1 ? " day" : " days") + " left)" : " (ends today)");
	}

	/** "100 %", "97.3 %", or a dash while nothing ended. */
	static String yieldText(Tally tally) {
		if (tally.yieldPercent().isEmpty()) {
			return "–";
		}
		double percent = tally.yieldPercent().getAsDouble();
		return percent == 100.0 ? "100 %" : String.format(Locale.ROOT, "%.1f %%", Math.min(99.9, percent));
	}

	private void boxed(TextBox box, Optional<String> text) {
		box.setText(text.orElse(""));
		GridData data = (GridData) box.getLayoutData();
		data.exclude = text.isEmpty();
		box.setVisible(text.isPresent());
	}

	private void fit(ScrolledComposite scroller) {
		int width = scroller.getClientArea().width;
		scroller.setMinSize(content.computeSize(Math.max(width, 280), SWT.DEFAULT));
	}

	private ZoneId zone() {
		return clock.getZone();
	}

	private Label label(String text, int height, boolean bold) {
		Label label = new Label(content, SWT.WRAP);
		label.setText(text);
		label.setFont(look.font(height, bold));
		return label;
	}

	private Label cell(Composite table, String text, int height, boolean bold) {
		Label label = new Label(table, SWT.NONE);
		label.setText(text);
		label.setFont(look.font(height, bold));
		label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return label;
	}

	private <C extends Control> C wide(C control) {
		control.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		return control;
	}

	private Button big(Composite parent, String text) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.setFont(look.font(StationLook.MEDIUM, true));
		GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
		data.heightHint = 52;
		button.setLayoutData(data);
		return button;
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("state", shown == null ? "" : shown.state().name());
		state.put("job", jobChoice.getText());
		state.put("product", product.getText());
		state.put("details", details.getText());
		state.put("validity", validity.getText());
		state.put("quota", quota.text());
		state.put("jobs", Integer.toString(shown == null ? 0 : shown.run().size()));
		for (int i = 0; i < blocks.size(); i++) {
			blocks.get(i).report(state, i + 1);
		}
		state.put("banner", banner.isVisible() ? banner.getText() : "");
		state.put("notice", notice.isVisible() ? notice.getText() : "");
		String[] keys = { "shift", "today", "total" };
		for (int row = 0; row < keys.length; row++) {
			state.put(keys[row] + ".passed", counters[row][0].getText());
			state.put(keys[row] + ".failed", counters[row][1].getText());
			state.put(keys[row] + ".yield", counters[row][2].getText());
		}
		state.put("shiftSince", shiftSince.getText());
		state.put("startAll", Boolean.toString(startAll.isEnabled()));
		state.put("stopAll", Boolean.toString(stopAll.isEnabled()));
		state.put("autoStart", Boolean.toString(autoStart.getSelection()));
		return state;
	}
}
