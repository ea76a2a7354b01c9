package io.mintage.ui.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.event.Event;

import io.mintage.ui.ShownState;

/**
 * Self-report for automated checks of a started product: when the system property
 * {@value #REPORT_PROPERTY} names a file, the product writes there, once its UI is up, what a person
 * would see — window title, active perspective and part, the dialog in front and the text of the field with the
 * keyboard (never a password field's), each part with its size, and what the parts (and tool controls
 * such as a status line) that are {@link ShownState} say they show — plus the time from JVM start to
 * the window, and a PNG of the window (with any dialog in front of it) if {@value #SCREENSHOT_PROPERTY}
 * names one. With {@value #EXIT_PROPERTY}=true it then closes. With {@value #EVERY_PROPERTY}=N it looks
 * again every N ms and, when anything shown changed, writes the screenshot and then the report anew
 * (each replaced atomically), so a test can wait for a state and find the picture of it beside it.
 * Without the properties it does nothing at all.
 */
public final class UiStateReport {

	static final String REPORT_PROPERTY = "mintage.ui.report";
	static final String SCREENSHOT_PROPERTY = "mintage.ui.screenshot";
	static final String EXIT_PROPERTY = "mintage.ui.exitAfterReport";
	static final String EVERY_PROPERTY = "mintage.ui.reportEveryMillis";
	/** About ten frames at 60 Hz. */
	private static final long PAINT_SETTLE_NANOS = 150_000_000L;

	/** Time for the first paint to finish before the window is photographed. */
	private static final int SETTLE_MILLIS = 700;

	/** Set once the workbench closes: its parts are being taken down, which is nothing to report. */
	private volatile boolean closing;

	@Inject
	@Optional
	public void shutdownStarted(@UIEventTopic(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED) Event event) {
		closing = true;
	}

	@Inject
	@Optional
	public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event,
			MApplication application, EModelService models, IWorkbench workbench) {
		String report = System.getProperty(REPORT_PROPERTY);
		if (report == null) {
			return;
		}
		long windowMillis = System.currentTimeMillis();
		Display display = Display.getCurrent();
		long every = Long.getLong(EVERY_PROPERTY, 0);
		boolean exit = Boolean.getBoolean(EXIT_PROPERTY);
		String[] written = { null };
		Runnable[] look = new Runnable[1];
		look[0] = () -> {
			if (display.isDisposed() || closing) {
				return;
			}
			try {
				String json = describe(application, models, windowMillis);
				if (!json.equals(written[0])) {
					String screenshot = System.getProperty(SCREENSHOT_PROPERTY);
					if (screenshot != null) {
						photograph(display, Path.of(screenshot));
					}
					writeAtomically(Path.of(report), json);
					written[0] = json;
				}
			} catch (IOException | RuntimeException e) {
				System.err.println("mintage: could not write the UI report " + report + ": " + e);
			}
			if (exit) {
				workbench.close();
			} else if (every > 0) {
				display.timerExec((int) Math.min(every, Integer.MAX_VALUE), look[0]);
			}
		};
		display.timerExec(SETTLE_MILLIS, look[0]);
	}

	private static void writeAtomically(Path target, String content) throws IOException {
		Path folder = target.toAbsolutePath().getParent();
		Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static String describe(MApplication application, EModelService models, long windowMillis) {
		StringBuilder json = new StringBuilder("{\n");
		MWindow window = application.getSelectedElement() != null ? application.getSelectedElement()
				: application.getChildren().get(0);
		MPerspective perspective = models.getActivePerspective(window);
		field(json, "title", window.getLabel()).append(",\n");
		field(json, "perspective", perspective == null ? null : perspective.getElementId()).append(",\n");
		field(json, "perspectiveLabel", perspective == null ? null : perspective.getLabel()).append(",\n");
		EPartService partService = window.getContext() == null ? null : window.getContext().get(EPartService.class);
		MPart activePart = partService == null ? null : partService.getActivePart();
		field(json, "activePart", activePart == null ? null : activePart.getElementId()).append(",\n");
		// a dialog in front (its title) and what the field with the keyboard holds: typing into a dialog
		// changes the report, so the picture of the dialog is taken too; a password field is never read
		Display display = Display.getCurrent();
		Shell active = display == null ? null : display.getActiveShell();
		field(json, "activeShell", active == null ? null : active.getText()).append(",\n");
		Control focus = display == null ? null : display.getFocusControl();
		String focused = focus instanceof Text text && (text.getStyle() & SWT.PASSWORD) == 0 ? text.getText()
				: focus instanceof Combo combo ? combo.getText() : null;
		field(json, "focusText", focused).append(",\n");
		json.append("  \"jvmStartMillis\": ").append(ManagementFactory.getRuntimeMXBean().getStartTime()).append(",\n");
		json.append("  \"windowMillis\": ").append(windowMillis).append(",\n");
		json.append("  \"parts\": [");
		List<MPart> parts = models.findElements(window, null, MPart.class);
		for (int i = 0; i < parts.size(); i++) {
			MPart part = parts.get(i);
			Rectangle size = part.getWidget() instanceof Control control && !control.isDisposed() ? control.getBounds()
					: new Rectangle(0, 0, 0, 0);
			json.append(i == 0 ? "\n" : ",\n").append("    {");
			string(json.append("\"id\": "), part.getElementId()).append(", ");
			string(json.append("\"label\": "), part.getLabel()).append(", ");
			json.append("\"rendered\": ").append(part.getObject() != null).append(", ");
			json.append("\"visible\": ").append(part.getWidget() instanceof Control c && c.isVisible()).append(", ");
			json.append("\"width\": ").append(size.width).append(", \"height\": ").append(size.height).append('}');
		}
		json.append("\n  ],\n  \"shown\": {");
		boolean first = true;
		// the parts, then tool controls that say what they show (a status line)
		List<MUIElement> showing = new java.util.ArrayList<>(parts);
		showing.addAll(models.findElements(window, null, MToolControl.class));
		for (MUIElement element : showing) {
			Object object = element instanceof MPart part ? part.getObject()
					: element instanceof MToolControl control ? control.getObject() : null;
			if (object instanceof ShownState shown) {
				json.append(first ? "\n" : ",\n").append("    ");
				string(json, element.getElementId()).append(": {");
				boolean firstEntry = true;
				for (Map.Entry<String, String> entry : shown.shownState().entrySet()) {
					json.append(firstEntry ? "\n" : ",\n").append("      ");
					string(json, entry.getKey()).append(": ");
					string(json, entry.getValue());
					firstEntry = false;
				}
				json.append(firstEntry ? "}" : "\n    }");
				first = false;
			}
		}
		return json.append(first ? "}\n}\n" : "\n  }\n}\n").toString();
	}

	private static StringBuilder field(StringBuilder json, String name, String value) {
		return string(json.append("  \"").append(name).append("\": "), value);
	}

	private static StringBuilder string(StringBuilder json, String value) {
		if (value == null) {
			return json.append("null");
		}
		json.append('"');
		for (char c : value.toCharArray()) {
			switch (c) {
			case '"' -> json.append("\\\"");
			case '\\' -> json.append("\\\\");
			case '\n' -> json.append("\\n");
			default -> {
				if (c < 0x20) {
					json.append(String.format("\\u%04x", (int) c));
				} else {
					json.append(c);
				}
			}
			}
		}
		return json.append('"');
	}

	/** Runs the event loop for a few frames, so that GTK has painted what the widgets now hold. */
	private static void settle(Display display) {
		long until = System.nanoTime() + PAINT_SETTLE_NANOS;
		while (System.nanoTime() - until < 0 && !display.isDisposed()) {
			if (!display.readAndDispatch()) {
				try {
					Thread.sleep(5);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static void photograph(Display display, Path target) throws IOException {
		// the window with whatever dialog is in front of it: every visible top-level shell
		Rectangle bounds = null;
		for (Shell shell : display.getShells()) {
			if (!shell.isDisposed() && shell.isVisible()) {
				bounds = bounds == null ? shell.getBounds() : bounds.union(shell.getBounds());
			}
		}
		if (bounds == null) {
			return;
		}
		bounds = bounds.intersection(display.getBounds());
		// What was just changed must be on the screen before it is copied. update() is not enough on GTK 3,
		// which paints on its frame clock after update() returns: a copy taken at once showed a table
		// still empty and a status line at 49 % while the report already said the import was done.
		display.update();
		settle(display);
		// Copy from the screen rather than Control.print: on GTK 3 print leaves child areas black.
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
			try {
				loader.save(temporary.toString(), SWT.IMAGE_PNG);
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} finally {
				Files.deleteIfExists(temporary);
			}
		} finally {
			gc.dispose();
			image.dispose();
		}
	}
}
