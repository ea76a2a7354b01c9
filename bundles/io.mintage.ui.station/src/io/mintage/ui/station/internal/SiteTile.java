package io.mintage.ui.station.internal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.TextLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

import io.mintage.station.engine.SiteAddress;
import io.mintage.station.engine.SiteStatus;
import io.mintage.station.engine.SiteStatus.Phase;
import io.mintage.ui.station.model.SiteView;

/**
 * One site as a large tile: its number and port, the phase's glyph, a headline in big letters
 * ("Programming 63 %", "Pass: serial 1000042", "Fail: …"), what to do next, the device's UID and
 * serial, and a progress bar with the percentage written on it; below, Start and Stop with the site
 * number as mnemonic (Alt+1 starts or stops site 1). Colour follows the phase, and the text and the
 * glyph say the same, so nobody needs to tell red from green.
 */
final class SiteTile {

	/** What the tile's buttons and menu ask for. */
	interface Actions {
		void start(int site);

		void stop(int site);

		void remove(SiteAddress site);
	}

	private static final int PADDING = 16;
	private static final int GLYPH = 72;
	private static final int BAR = 30;

	private final StationLook look;
	private final Composite root;
	private final Canvas face;
	private final Button toggle;
	private final MenuItem startItem;
	private final MenuItem stopItem;
	private final MenuItem removeItem;
	private final TextLayout headlineLayout;
	private final TextLayout adviceLayout;
	private SiteView site;
	private boolean open;
	private Optional<String> jobStopped = Optional.empty();

	SiteTile(Composite parent, StationLook look, Actions actions) {
		this.look = look;
		root = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		layout.verticalSpacing = 6;
		root.setLayout(layout);
		face = new Canvas(root, SWT.DOUBLE_BUFFERED);
		face.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		headlineLayout = new TextLayout(face.getDisplay());
		adviceLayout = new TextLayout(face.getDisplay());
		face.addPaintListener(event -> paint(event.gc));
		face.addListener(SWT.Resize, event -> face.redraw());
		face.addDisposeListener(event -> {
			headlineLayout.dispose();
			adviceLayout.dispose();
		});
		face.getAccessible().addAccessibleListener(new AccessibleAdapter() {
			@Override
			public void getName(AccessibleEvent event) {
				event.result = site == null ? "" : title() + ": " + headline() + ". " + advice();
			}
		});

		toggle = new Button(root, SWT.PUSH);
		toggle.setFont(look.font(StationLook.MEDIUM, true));
		GridData buttonData = new GridData(SWT.FILL, SWT.CENTER, true, false);
		buttonData.heightHint = 44;
		toggle.setLayoutData(buttonData);
		toggle.addListener(SWT.Selection, event -> {
			if (site == null) {
				return;
			}
			if (site.wanted()) {
				actions.stop(site.number());
			} else {
				actions.start(site.number());
			}
		});

		Menu menu = new Menu(face);
		startItem = new MenuItem(menu, SWT.PUSH);
		startItem.addListener(SWT.Selection, event -> actions.start(site.number()));
		stopItem = new MenuItem(menu, SWT.PUSH);
		stopItem.addListener(SWT.Selection, event -> actions.stop(site.number()));
		new MenuItem(menu, SWT.SEPARATOR);
		removeItem = new MenuItem(menu, SWT.PUSH);
		removeItem.addListener(SWT.Selection, event -> actions.remove(site.address()));
		menu.addListener(SWT.Show, event -> {
			startItem.setEnabled(site != null && site.canStart(open));
			stopItem.setEnabled(site != null && site.canStop());
			removeItem.setEnabled(site != null && !site.wanted() && !site.running());
		});
		face.setMenu(menu);
		toggle.setMenu(menu);
	}

	Composite control() {
		return root;
	}

	/**
	 * @param canProduce a run is open and its job can go on
	 * @param stopped    why the job stopped for every site, if it did
	 */
	void show(SiteView latest, boolean canProduce, Optional<String> stopped) {
		if (latest.equals(site) && canProduce == open && stopped.equals(jobStopped)) {
			return;
		}
		site = latest;
		open = canProduce;
		jobStopped = stopped;
		String number = site.number() > 0 && site.number() < 10 ? "&" + site.number() : Integer.toString(site.number());
		toggle.setText((site.wanted() ? "Stop site " : "Start site ") + number);
		toggle.setEnabled(site.wanted() || site.canStart(open));
		toggle.setToolTipText(site.wanted() ? "Stop once the device on it is done"
				: "Wait for a device and program device after device");
		startItem.setText("Start site " + site.number());
		stopItem.setText("Stop site " + site.number());
		removeItem.setText("Remove site " + site.number() + " (" + site.address() + ")");
		face.redraw();
		root.layout();
	}

	void dispose() {
		root.dispose();
	}

	String title() {
		return "Site " + (site.number() > 0 ? site.number() : "–") + "  " + site.address();
	}

	Phase phase() {
		return site.problem().isPresent() ? Phase.FAIL : site.status().phase();
	}

	String headline() {
		if (site.problem().isPresent()) {
			return "Cannot run";
		}
		if (stoppedWithTheJob()) {
			return "Production stopped";
		}
		return site.status().headline();
	}

	String advice() {
		if (site.problem().isPresent()) {
			return site.problem().get();
		}
		if (stoppedWithTheJob()) {
			// the engine's own advice ("Press Start to go on") does not hold once the job cannot go on
			return capitalised(jobStopped.get());
		}
		if (!site.wanted() && site.running()) {
			return "Stopping: the site finishes the device it has first";
		}
		return site.status().advice();
	}

	/** The site stopped because the job did: the reason is the job's, and Start cannot help. */
	private boolean stoppedWithTheJob() {
		return jobStopped.isPresent() && site.status().phase() == Phase.STOPPED;
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	int percent() {
		return site.status().phase() == Phase.PASS ? 100 : site.status().percent();
	}

	String device() {
		SiteStatus status = site.status();
		StringBuilder text = new StringBuilder();
		status.uid().ifPresent(uid -> text.append("UID ").append(HexFormat.of().formatHex(uid.bytes())
				.toUpperCase(Locale.ROOT)));
		if (status.serial().isPresent()) {
			text.append(text.length() > 0 ? "   " : "").append("serial ").append(status.serial().getAsLong());
		}
		return text.toString();
	}

	private void paint(GC gc) {
		if (site == null) {
			return;
		}
		Rectangle area = face.getClientArea();
		Phase phase = phase();
		Color fill = look.background(phase);
		Color ink = look.foreground(phase);
		gc.setAntialias(SWT.ON);
		gc.setBackground(fill);
		gc.fillRectangle(area);
		gc.setForeground(ink);

		gc.setFont(look.font(StationLook.MEDIUM, true));
		int y = PADDING;
		gc.drawText(title(), PADDING, y, true);
		y += gc.textExtent(title()).y + 10;

		Glyphs.draw(gc, phase, PADDING, y, GLYPH, ink);
		int textX = PADDING + GLYPH + 16;
		int textWidth = Math.max(40, area.width - textX - PADDING);
		String headline = headline();
		headlineLayout.setFont(look.font(headline.length() <= 30 ? StationLook.HUGE : StationLook.LARGE, true));
		headlineLayout.setText(headline);
		headlineLayout.setWidth(textWidth);
		headlineLayout.draw(gc, textX, y);
		int below = Math.max(y + GLYPH, y + headlineLayout.getBounds().height) + 10;

		adviceLayout.setFont(look.font(StationLook.MEDIUM, false));
		adviceLayout.setText(advice());
		adviceLayout.setWidth(Math.max(40, area.width - 2 * PADDING));
		adviceLayout.draw(gc, PADDING, below);
		below += adviceLayout.getBounds().height + 6;

		gc.setFont(look.font(StationLook.NORMAL, false));
		String device = device();
		int barY = area.height - PADDING - BAR;
		if (!device.isEmpty() && below < barY - 4) {
			gc.drawText(device, PADDING, Math.max(below, barY - gc.textExtent(device).y - 8), true);
		}
		paintBar(gc, new Rectangle(PADDING, barY, area.width - 2 * PADDING, BAR), ink);
	}

	private void paintBar(GC gc, Rectangle bar, Color ink) {
		int percent = percent();
		gc.setBackground(look.color(0xFFFFFF));
		gc.fillRectangle(bar);
		gc.setBackground(look.color(phase() == Phase.FAIL ? 0xB3261E : phase() == Phase.PASS ? 0x2E8B46 : 0x3C78C8));
		gc.fillRectangle(bar.x, bar.y, bar.width * percent / 100, bar.height);
		gc.setForeground(ink);
		gc.setLineWidth(2);
		gc.drawRectangle(bar);
		gc.setFont(look.font(StationLook.NORMAL, true));
		String text = percent + " %";
		Point extent = gc.textExtent(text);
		gc.setForeground(look.color(0x1A1A1A));
		gc.setBackground(look.color(0xFFFFFF));
		int x = bar.x + (bar.width - extent.x) / 2;
		int y = bar.y + (bar.height - extent.y) / 2;
		gc.fillRectangle(x - 4, y, extent.x + 8, extent.y);
		gc.drawText(text, x, y, true);
	}
}
