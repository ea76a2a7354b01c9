package io.mintage.ui.station.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;

import io.mintage.station.engine.SiteStatus.Phase;

/**
 * The symbol of each phase, drawn rather than taken from a font so that it looks the same on every
 * station PC: a dash (idle), an hourglass (waiting), a play arrow (working), a check (pass), a cross
 * (fail), a square (stopped), each in a ring. Shape tells the phase where colour cannot.
 */
final class Glyphs {

	private Glyphs() {
	}

	static void draw(GC gc, Phase phase, int x, int y, int size, Color color) {
		gc.setAntialias(SWT.ON);
		gc.setForeground(color);
		gc.setBackground(color);
		gc.setLineCap(SWT.CAP_ROUND);
		gc.setLineJoin(SWT.JOIN_ROUND);
		int ring = Math.max(2, size / 14);
		gc.setLineWidth(ring);
		gc.drawOval(x + ring / 2, y + ring / 2, size - ring, size - ring);
		gc.setLineWidth(Math.max(3, size / 9));
		switch (phase) {
		case IDLE -> line(gc, x, y, size, 0.32, 0.5, 0.68, 0.5);
		case WAITING -> {
			line(gc, x, y, size, 0.34, 0.28, 0.66, 0.28);
			line(gc, x, y, size, 0.34, 0.72, 0.66, 0.72);
			line(gc, x, y, size, 0.36, 0.3, 0.64, 0.7);
			line(gc, x, y, size, 0.64, 0.3, 0.36, 0.7);
		}
		case WORKING -> gc.fillPolygon(points(x, y, size, 0.4, 0.28, 0.4, 0.72, 0.74, 0.5));
		case PASS -> gc.drawPolyline(points(x, y, size, 0.28, 0.52, 0.44, 0.68, 0.73, 0.35));
		case FAIL -> {
			line(gc, x, y, size, 0.33, 0.33, 0.67, 0.67);
			line(gc, x, y, size, 0.67, 0.33, 0.33, 0.67);
		}
		case STOPPED -> gc.fillRectangle(x + size * 34 / 100, y + size * 34 / 100, size * 32 / 100, size * 32 / 100);
		}
	}

	private static void line(GC gc, int x, int y, int size, double x1, double y1, double x2, double y2) {
		gc.drawLine(x + (int) (size * x1), y + (int) (size * y1), x + (int) (size * x2), y + (int) (size * y2));
	}

	private static int[] points(int x, int y, int size, double... fractions) {
		int[] points = new int[fractions.length];
		for (int i = 0; i < fractions.length; i++) {
			points[i] = (i % 2 == 0 ? x : y) + (int) (size * fractions[i]);
		}
		return points;
	}
}
