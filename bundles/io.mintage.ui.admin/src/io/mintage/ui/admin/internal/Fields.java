package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The small pieces the admin views and dialogs are built of, laid out alike: a label with a mnemonic
 * and its field on one row of a two-column grid, headings, wrapped explanations, button rows. A view's
 * mnemonics repeat neither the menu bar's (F, A, S, P, Q, R, V) nor those of the views shown beside it
 * (Authority and Stations are always there): for a letter used twice, GTK only moves the focus.
 */
final class Fields {

	/** Wrapped text is laid out to this width in dialogs. */
	static final int TEXT_WIDTH = 520;

	private Fields() {
	}

	/** A label ({@code &Name:}) and a one-line text field filling the rest of the row. */
	static Text text(Composite parent, String label, String initial, int style) {
		new Label(parent, SWT.NONE).setText(label);
		Text text = new Text(parent, SWT.BORDER | SWT.SINGLE | style);
		text.setText(initial);
		text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return text;
	}

	/** A label ({@code &Station:}) and a read-only choice of {@code items} filling the row, {@code selected} chosen. */
	static Combo choice(Composite parent, String label, List<String> items, int selected) {
		new Label(parent, SWT.NONE).setText(label);
		Combo choice = new Combo(parent, SWT.READ_ONLY);
		choice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		items.forEach(choice::add);
		if (!items.isEmpty()) {
			choice.select(selected);
		}
		return choice;
	}

	/** The index of the first of {@code items} that is {@code wanted}; 0, the first, when none is. */
	static <T> int indexOf(List<T> items, Predicate<T> wanted) {
		for (int i = 0; i < items.size(); i++) {
			if (wanted.test(items.get(i))) {
				return i;
			}
		}
		return 0;
	}

	/** A push button at the right end of a row of its own, under the field it fills in ({@code &Browse…}). */
	static Button browse(Composite parent, String label, Runnable action) {
		Button browse = new Button(parent, SWT.PUSH);
		browse.setText(label);
		browse.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false, 2, 1));
		browse.addListener(SWT.Selection, event -> action.run());
		return browse;
	}

	/** A value shown read-only but selectable (to copy a fingerprint), filling the row. */
	static Text value(Composite parent, String label) {
		Label name = new Label(parent, SWT.NONE);
		name.setText(label);
		name.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
		Text value = new Text(parent, SWT.READ_ONLY | SWT.WRAP);
		GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
		data.widthHint = 200;
		value.setLayoutData(data);
		return value;
	}

	/** A heading in the header font across the row. */
	static Label heading(Composite parent, int columns) {
		Label heading = words(parent, columns, "");
		heading.setFont(JFaceResources.getHeaderFont());
		return heading;
	}

	/** Wrapped words across the row. */
	static Label words(Composite parent, int columns, String text) {
		Label words = new Label(parent, SWT.WRAP);
		words.setText(text);
		GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, columns, 1);
		data.widthHint = 200;
		words.setLayoutData(data);
		return words;
	}

	/** One line of text across the row, such as the title over a table, set as what it names changes. */
	static Label line(Composite parent) {
		Label line = new Label(parent, SWT.NONE);
		line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		return line;
	}

	/** Two areas one above the other filling the rest of the grid; the admin moves the border between them. */
	static SashForm split(Composite parent) {
		SashForm split = new SashForm(parent, SWT.VERTICAL);
		split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		return split;
	}

	/** A one-column grid without side margins, such as the lower area of a {@link #split}. */
	static Composite column(Composite parent) {
		Composite column = new Composite(parent, SWT.NONE);
		GridLayout layout = grid(1);
		layout.marginWidth = 0;
		column.setLayout(layout);
		return column;
	}

	/** A row of push buttons across {@code columns} columns, wrapped onto more rows when the part is narrow. */
	static Composite buttonRow(Composite parent, int columns) {
		Composite row = new Composite(parent, SWT.NONE);
		RowLayout layout = new RowLayout(SWT.HORIZONTAL);
		layout.wrap = true;
		layout.marginLeft = 0;
		layout.marginRight = 0;
		layout.spacing = 6;
		row.setLayout(layout);
		GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, columns, 1);
		// the grid gives the row the part's width and asks its height for that width: it wraps
		data.widthHint = 100;
		row.setLayoutData(data);
		return row;
	}

	static Button button(Composite row, String text, Runnable action) {
		Button button = new Button(row, SWT.PUSH);
		button.setText(text);
		button.addListener(SWT.Selection, event -> action.run());
		return button;
	}

	/** A grid of {@code columns} columns with the usual spacing. */
	static GridLayout grid(int columns) {
		GridLayout layout = new GridLayout(columns, false);
		layout.verticalSpacing = 6;
		layout.horizontalSpacing = 10;
		return layout;
	}

	/** A button of a {@link #buttonRow}: shown, or hidden and taking no room in the row. */
	static void shownInRow(Button button, boolean shown) {
		RowData data = button.getLayoutData() instanceof RowData row ? row : new RowData();
		data.exclude = !shown;
		button.setLayoutData(data);
		button.setVisible(shown);
	}

	/** Shown and laid out, or hidden and taking no room. */
	static void shownIf(Control control, boolean shown) {
		control.setVisible(shown);
		((GridData) control.getLayoutData()).exclude = !shown;
	}
}
