package io.mintage.ui.station.internal;

import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import io.mintage.station.engine.QuotaStatus;

/**
 * The job's quota as a bar of serials left with the number written on it ("2 of 5 left"): green while
 * plenty is left, amber under a fifth, red when none is.
 */
final class QuotaGauge extends Canvas {

	private static final int HEIGHT = 44;

	private final StationLook look;
	private Optional<QuotaStatus> quota = Optional.empty();

	QuotaGauge(Composite parent, StationLook look) {
		super(parent, SWT.DOUBLE_BUFFERED);
		this.look = look;
		addPaintListener(event -> paint(event.gc));
		addListener(SWT.Resize, event -> redraw());
		getAccessible().addAccessibleListener(new AccessibleAdapter() {
			@Override
			public void getName(AccessibleEvent event) {
				event.result = "Quota: " + text();
			}
		});
	}

	void show(Optional<QuotaStatus> latest) {
		if (!latest.equals(quota)) {
			quota = latest;
			redraw();
		}
	}

	/** What the gauge says in words. */
	String text() {
		return quota.map(q -> q.left() + " of " + q.count() + " left").orElse("no job open");
	}

	private void paint(GC gc) {
		Rectangle area = getClientArea();
		gc.setAntialias(SWT.ON);
		gc.setBackground(look.color(0xFFFFFF));
		gc.fillRectangle(area);
		gc.setBackground(look.color(0xE3E3E3));
		gc.fillRoundRectangle(0, 0, area.width - 1, area.height - 1, 8, 8);
		if (quota.isPresent() && quota.get().count() > 0) {
			QuotaStatus q = quota.get();
			double share = (double) q.left() / q.count();
			int fill = q.left() == 0 ? 0 : Math.max(6, (int) ((area.width - 1) * share));
			gc.setBackground(look.color(q.left() == 0 ? 0xB3261E : share < 0.2 ? 0xF2A900 : 0x2E8B46));
			gc.fillRoundRectangle(0, 0, fill, area.height - 1, 8, 8);
		}
		gc.setForeground(look.color(0x55595E));
		gc.drawRoundRectangle(0, 0, area.width - 1, area.height - 1, 8, 8);
		gc.setFont(look.font(StationLook.LARGE, true));
		String text = text();
		Point extent = gc.textExtent(text);
		int x = Math.max(8, (area.width - extent.x) / 2);
		int y = (area.height - extent.y) / 2;
		// a light halo keeps the number readable on every fill
		gc.setForeground(look.color(0xFFFFFF));
		for (int dx = -1; dx <= 1; dx++) {
			for (int dy = -1; dy <= 1; dy++) {
				gc.drawText(text, x + dx, y + dy, true);
			}
		}
		gc.setForeground(look.color(0x1A1A1A));
		gc.drawText(text, x, y, true);
	}

	@Override
	public Point computeSize(int widthHint, int heightHint, boolean changed) {
		return new Point(widthHint != SWT.DEFAULT ? widthHint : 240, heightHint != SWT.DEFAULT ? heightHint : HEIGHT);
	}
}
