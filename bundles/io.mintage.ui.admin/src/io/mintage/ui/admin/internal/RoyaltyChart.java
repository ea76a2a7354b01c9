package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.ui.admin.model.BarChart;

/**
 * What each station owes in the statement shown, as horizontal bars drawn with SWT's GC — the chart the
 * PDF statement has: the station's name, its bar, the amount and currency at the bar's end.
 */
final class RoyaltyChart extends Canvas {

	private static final int BAR = 18;
	private static final int GAP = 8;
	private static final int MARGIN = 8;

	private final Color bar;
	private Optional<RoyaltyStatement> statement = Optional.empty();
	private List<BarChart.Bar> bars = List.of();

	RoyaltyChart(Composite parent) {
		super(parent, SWT.DOUBLE_BUFFERED);
		bar = new Color(getDisplay(), new RGB(0x1F, 0x5F, 0xA8));
		addListener(SWT.Paint, event -> paint(event.gc));
		addListener(SWT.Dispose, event -> bar.dispose());
		addListener(SWT.Resize, event -> redraw());
	}

	void show(Optional<RoyaltyStatement> shown) {
		statement = shown;
		redraw();
	}

	/** The bars as drawn last, for the UI state report. */
	List<BarChart.Bar> bars() {
		return bars;
	}

	@Override
	public Point computeSize(int wHint, int hHint, boolean changed) {
		int rows = statement.map(s -> s.totalsByStation().size()).orElse(0);
		return new Point(wHint == SWT.DEFAULT ? 400 : wHint,
				hHint == SWT.DEFAULT ? Math.max(40, 2 * MARGIN + rows * (BAR + GAP)) : hHint);
	}

	private void paint(GC gc) {
		gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		gc.fillRectangle(getClientArea());
		if (statement.isEmpty()) {
			bars = List.of();
			return;
		}
		RoyaltyStatement shown = statement.get();
		String currency = shown.currency().getCurrencyCode();
		int labelWidth = 0;
		for (String station : shown.totalsByStation().keySet()) {
			labelWidth = Math.max(labelWidth, gc.textExtent(station).x);
		}
		int amountWidth = gc.textExtent(shown.format(shown.total()) + " " + currency).x;
		int left = MARGIN + labelWidth + MARGIN;
		int room = Math.max(10, getClientArea().width - left - MARGIN - amountWidth - MARGIN);
		bars = BarChart.layout(shown.totalsByStation(), room, BAR, GAP, amount -> shown.format(amount) + " " + currency);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
		for (BarChart.Bar one : bars) {
			int y = MARGIN + one.y();
			int textY = y + (BAR - gc.getFontMetrics().getHeight()) / 2;
			gc.drawText(one.label(), MARGIN, textY, true);
			gc.setBackground(bar);
			gc.fillRectangle(left, y, one.length(), BAR);
			gc.drawText(one.amount(), left + one.length() + MARGIN, textY, true);
		}
	}
}
