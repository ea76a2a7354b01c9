package io.mintage.ui.station.internal;

import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;

import io.mintage.station.engine.SiteStatus.Phase;

/**
 * Colours and fonts of the operator's window, sized to be read from two metres, freed with the
 * control that owns them. Each phase has its colour, but colour never speaks alone: every tile also
 * says its phase in words and shows its glyph ({@link Glyphs}).
 */
final class StationLook {

	/** Text heights in points. */
	static final int HUGE = 26;
	static final int LARGE = 18;
	static final int MEDIUM = 14;
	static final int NORMAL = 11;

	private final LocalResourceManager resources;

	StationLook(Control owner) {
		resources = new LocalResourceManager(JFaceResources.getResources(), owner);
	}

	Font font(int height, boolean bold) {
		return resources.create(FontDescriptor.createFrom(JFaceResources.getDefaultFont()).setHeight(height)
				.setStyle(bold ? SWT.BOLD : SWT.NORMAL));
	}

	Color color(int rgb) {
		return resources.create(ColorDescriptor.createFrom(new RGB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF)));
	}

	/** The tile's background in a phase: strong for pass and fail, quiet while nothing happens. */
	Color background(Phase phase) {
		return color(switch (phase) {
		case IDLE -> 0xE3E3E3;
		case WAITING -> 0xD3E4F5;
		case WORKING -> 0x1F5FA8;
		case PASS -> 0x1E7B34;
		case FAIL -> 0xB3261E;
		case STOPPED -> 0x55595E;
		});
	}

	/** Text on {@link #background}: contrast 4.5:1 or better. */
	Color foreground(Phase phase) {
		return color(switch (phase) {
		case IDLE -> 0x1A1A1A;
		case WAITING -> 0x0B2E4F;
		default -> 0xFFFFFF;
		});
	}

	Color bannerBackground() {
		return color(0xB3261E);
	}

	Color noticeBackground() {
		return color(0xFFF4CE);
	}

	Color text() {
		return color(0x1A1A1A);
	}

	Color white() {
		return color(0xFFFFFF);
	}
}
