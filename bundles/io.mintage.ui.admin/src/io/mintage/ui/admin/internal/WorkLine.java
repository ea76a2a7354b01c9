package io.mintage.ui.admin.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.Work;

/**
 * The status line at the bottom of the window: the long work running now with its progress bar (an
 * import, issuing a job, a backup), otherwise what the last action came to. A pure e4 workbench has no
 * progress view; this line is the admin's. It looks at the model's work every 200 ms.
 */
public final class WorkLine implements ShownState {

	private static final int LOOK_MILLIS = 200;

	private final AdminModel model;
	private Label line;
	private ProgressBar bar;
	private Display display;

	@Inject
	public WorkLine(AdminModel model) {
		this.model = model;
	}

	@PostConstruct
	public void create(Composite parent) {
		Composite box = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(2, false);
		layout.marginHeight = 2;
		box.setLayout(layout);
		bar = new ProgressBar(box, SWT.HORIZONTAL | SWT.SMOOTH);
		bar.setMaximum(1000);
		GridData barData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
		barData.widthHint = 180;
		bar.setLayoutData(barData);
		line = new Label(box, SWT.NONE);
		GridData lineData = new GridData(SWT.FILL, SWT.CENTER, true, false);
		lineData.widthHint = 1000;
		line.setLayoutData(lineData);
		display = parent.getDisplay();
		ModelFollower.follow(model, line, view -> update());
		display.timerExec(LOOK_MILLIS, this::look);
	}

	private void look() {
		if (line.isDisposed()) {
			return;
		}
		update();
		display.timerExec(LOOK_MILLIS, this::look);
	}

	private void update() {
		if (line == null || line.isDisposed()) {
			return;
		}
		Optional<Work> work = model.work();
		String text;
		if (work.isPresent()) {
			Work now = work.get();
			int permille = now.permille();
			Fields.shownIf(bar, true);
			bar.setSelection(Math.max(0, permille));
			text = now.name() + (now.task().equals(now.name()) ? "" : ": " + now.task())
					+ (permille >= 0 ? " " + permille / 10 + " %" : "…");
		} else {
			Fields.shownIf(bar, false);
			text = model.view().notice().map(n -> (n.failed() ? "Failed: " : "") + n.text()).orElse("Ready.");
		}
		if (!text.equals(line.getText())) {
			line.setText(text);
			line.getParent().layout(true);
		}
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("status.line", line.getText());
		state.put("status.progress", bar.isVisible() ? bar.getSelection() / 10 + " %" : "");
		return state;
	}
}
