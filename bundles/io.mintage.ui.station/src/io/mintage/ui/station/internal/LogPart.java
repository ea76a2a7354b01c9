package io.mintage.ui.station.internal;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.mintage.ui.ShownState;
import io.mintage.ui.station.model.LogEntry;
import io.mintage.ui.station.model.LogFilter;
import io.mintage.ui.station.model.StationModel;
import io.mintage.ui.station.model.StationView;

/**
 * The station's event log, newest first: the ledger's events (devices authorized, passed, failed,
 * rework, checkpoints, jobs accepted) and this window's notes, at most {@link StationModel#LOG_LIMIT}
 * lines. A text filter (any column) and a kind filter narrow it; the table is virtual, so only the
 * rows on screen are made.
 */
public final class LogPart implements ShownState {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
	private static final String[] COLUMNS = { "Time", "Event", "Serial", "UID", "Detail" };
	private static final int[] WIDTHS = { 160, 140, 80, 230, 600 };

	private final StationModel model;
	private final Consumer<StationView> listener = this::show;
	private final Clock clock = Clock.systemDefaultZone();
	private Text filterText;
	private Combo kind;
	private Label count;
	private Table table;
	/** The model's log as last shown; null before the first view, so that one is always shown. */
	private List<LogEntry> source;
	private List<LogEntry> rows = List.of();

	@Inject
	public LogPart(StationModel model) {
		this.model = model;
	}

	@PostConstruct
	public void create(Composite parent) {
		parent.setLayout(new GridLayout(5, false));
		new Label(parent, SWT.NONE).setText("&Filter:");
		filterText = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
		filterText.setMessage("UID, serial, site, words…");
		GridData textData = new GridData(SWT.FILL, SWT.CENTER, true, false);
		textData.widthHint = 260;
		filterText.setLayoutData(textData);
		filterText.addListener(SWT.Modify, event -> refilter());
		new Label(parent, SWT.NONE).setText("Sho&w:");
		kind = new Combo(parent, SWT.READ_ONLY);
		for (LogFilter filter : LogFilter.values()) {
			kind.add(filter.label());
		}
		kind.select(0);
		kind.addListener(SWT.Selection, event -> refilter());
		count = new Label(parent, SWT.NONE);
		count.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));

		table = new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
		for (int i = 0; i < COLUMNS.length; i++) {
			TableColumn column = new TableColumn(table, SWT.LEFT);
			column.setText(COLUMNS[i]);
			column.setWidth(WIDTHS[i]);
		}
		table.addListener(SWT.SetData, event -> {
			TableItem item = (TableItem) event.item;
			int index = table.indexOf(item);
			if (index >= 0 && index < rows.size()) {
				item.setText(cells(rows.get(index)));
			}
		});
		model.addListener(listener);
		show(model.view());
	}

	@PreDestroy
	public void dispose() {
		model.removeListener(listener);
	}

	private void show(StationView view) {
		if (table == null || table.isDisposed() || view.log() == source) {
			return;
		}
		source = view.log();
		refilter();
	}

	private void refilter() {
		LogFilter filter = LogFilter.values()[Math.max(0, kind.getSelectionIndex())];
		String text = filterText.getText();
		List<LogEntry> matching = new ArrayList<>();
		for (LogEntry entry : source) {
			if (filter.accepts(entry, text)) {
				matching.add(entry);
			}
		}
		rows = matching;
		table.setItemCount(rows.size());
		table.clearAll();
		count.setText(rows.size() == source.size() ? rows.size() + " lines" : rows.size() + " of " + source.size() + " lines");
		count.getParent().layout(new org.eclipse.swt.widgets.Control[] { count });
	}

	private String[] cells(LogEntry entry) {
		return new String[] { TIME.format(entry.time().atZone(clock.getZone())), entry.type(),
				entry.serial().isPresent() ? Long.toString(entry.serial().getAsLong()) : "", entry.uid(), entry.detail() };
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("lines", Integer.toString(rows.size()));
		for (int i = 0; i < Math.min(10, rows.size()); i++) {
			state.put("line." + (i + 1), String.join(" | ", cells(rows.get(i))));
		}
		return state;
	}
}
