package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/** A table column: its title, width in pixels and the text of each row's cell. */
record Column<T>(String title, int width, Function<T, String> text) {

	/** A table of full rows, one selected at a time, with these columns; its input is a {@code List<T>}. */
	@SafeVarargs
	static <T> TableViewer table(Composite parent, Column<T>... columns) {
		TableViewer viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL
				| SWT.H_SCROLL);
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
				@SuppressWarnings("unchecked")
				public String getText(Object element) {
					return column.text().apply((T) element);
				}
			});
		}
		return viewer;
	}

	/** The cells of {@code row} as the table shows them, joined by " | ", for the UI state report. */
	@SafeVarargs
	static <T> String row(T row, Column<T>... columns) {
		return String.join(" | ", List.of(columns).stream().map(column -> column.text().apply(row)).toList());
	}
}
