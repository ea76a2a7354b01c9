package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/**
 * A table of an admin view: full rows of {@code T} with the {@link Column}s given, one row selected at a
 * time. It keeps the rows it shows, so that the view's UI state report lists exactly them, cell by cell
 * as the table shows them, and it hands the row selected back as a {@code T}.
 */
final class TableView<T> {

	private final Class<T> type;
	private final List<Column<T>> columns;
	private final TableViewer viewer;
	private List<T> rows = List.of();

	@SafeVarargs
	TableView(Composite parent, Class<T> type, Column<T>... columns) {
		this.type = type;
		this.columns = List.of(columns);
		viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		for (Column<T> column : columns) {
			TableViewerColumn made = new TableViewerColumn(viewer, SWT.LEFT);
			made.getColumn().setText(column.title());
			made.getColumn().setWidth(column.width());
			made.getColumn().setResizable(true);
			made.setLabelProvider(new ColumnLabelProvider() {
				@Override
				public String getText(Object element) {
					return column.text().apply(type.cast(element));
				}
			});
		}
	}

	/** The table fills the rest of its grid cell, and is at least {@code heightHint} high ({@code SWT.DEFAULT}: any). */
	TableView<T> filling(int heightHint) {
		GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
		data.heightHint = heightHint;
		viewer.getTable().setLayoutData(data);
		return this;
	}

	/** {@code action} runs whenever the admin selects another row (by key or pointer) or the program does. */
	TableView<T> onSelection(Runnable action) {
		viewer.addSelectionChangedListener(event -> action.run());
		return this;
	}

	/** Shows {@code shown} as the table's rows. */
	void show(List<T> shown) {
		rows = shown;
		viewer.setInput(shown);
	}

	/** Selects {@code row} when there is one, scrolled into sight; the selection listeners hear it. */
	void select(Optional<? extends T> row) {
		row.ifPresent(one -> viewer.setSelection(new StructuredSelection(one), true));
	}

	Optional<T> selected() {
		Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
		return type.isInstance(first) ? Optional.of(type.cast(first)) : Optional.empty();
	}

	List<T> rows() {
		return rows;
	}

	/** The keyboard goes to the table (a view's main control when the view is activated). */
	void focus() {
		viewer.getTable().setFocus();
	}

	/** The cells of {@code row} as the table shows them, joined by " | ", for the UI state report. */
	String cells(T row) {
		return String.join(" | ", columns.stream().map(column -> column.text().apply(row)).toList());
	}

	/** Every row shown as {@code KEY.1}, {@code KEY.2}, … with its {@link #cells}, for the UI state report. */
	void report(Map<String, String> state, String key) {
		for (int i = 0; i < rows.size(); i++) {
			state.put(key + "." + (i + 1), cells(rows.get(i)));
		}
	}
}
