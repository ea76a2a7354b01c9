package io.mintage.ui.station.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.TextLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * Wrapped text on a coloured box (the job-stopped banner, notices). Painted by itself, so the
 * theme's style sheet cannot whiten it; tall enough for its text at the width it gets.
 */
final class TextBox extends Canvas {

	private static final int PADDING = 10;

	private final TextLayout layout;
	private Color fill;
	private Color ink;

	TextBox(Composite parent, Font font, Color fill, Color ink) {
		super(parent, SWT.DOUBLE_BUFFERED);
		this.fill = fill;
		this.ink = ink;
		layout = new TextLayout(getDisplay());
		layout.setFont(font);
		layout.setText("");
		addPaintListener(event -> {
			Rectangle area = getClientArea();
			event.gc.setBackground(this.fill);
			event.gc.fillRectangle(area);
			event.gc.setForeground(this.ink);
			layout.setWidth(Math.max(1, area.width - 2 * PADDING));
			layout.draw(event.gc, PADDING, PADDING);
		});
		addListener(SWT.Resize, event -> redraw());
		addDisposeListener(event -> layout.dispose());
		getAccessible().addAccessibleListener(new AccessibleAdapter() {
			@Override
			public void getName(AccessibleEvent event) {
				event.result = layout.getText();
			}
		});
	}

	void setText(String text) {
		if (!text.equals(layout.getText())) {
			layout.setText(text);
			redraw();
		}
	}

	String getText() {
		return layout.getText();
	}

	void setColors(Color fill, Color ink) {
		this.fill = fill;
		this.ink = ink;
		redraw();
	}

	@Override
	public Point computeSize(int widthHint, int heightHint, boolean changed) {
		int width = widthHint != SWT.DEFAULT ? widthHint : 300;
		layout.setWidth(Math.max(1, width - 2 * PADDING));
		Rectangle text = layout.getBounds();
		return new Point(width, heightHint != SWT.DEFAULT ? heightHint : text.height + 2 * PADDING);
	}
}
