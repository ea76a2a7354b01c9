package io.mintage.ui.station.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import io.mintage.ui.station.model.StationModel;

/**
 * The status line at the bottom of the window: what runs in the background now, as the Eclipse job
 * manager knows it (the started sites, a run being opened, a report being written). A pure e4
 * workbench has no progress view; this line is the station's.
 */
public final class BackgroundWorkLine {

	private final IJobChangeListener listener = new JobChangeAdapter() {
		@Override
		public void running(IJobChangeEvent event) {
			changed(event.getJob());
		}

		@Override
		public void done(IJobChangeEvent event) {
			changed(event.getJob());
		}
	};
	private Label line;
	private Display display;
	private volatile boolean queued;

	@PostConstruct
	public void create(Composite parent) {
		Composite box = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginHeight = 2;
		box.setLayout(layout);
		line = new Label(box, SWT.NONE);
		GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
		data.widthHint = 1100;
		line.setLayoutData(data);
		display = parent.getDisplay();
		Job.getJobManager().addJobChangeListener(listener);
		update();
	}

	@PreDestroy
	public void dispose() {
		Job.getJobManager().removeJobChangeListener(listener);
	}

	private void changed(Job job) {
		if (!job.belongsTo(StationModel.JOB_FAMILY) || queued) {
			return;
		}
		queued = true;
		try {
			display.asyncExec(this::update);
		} catch (RuntimeException e) {
			// the window is gone
		}
	}

	private void update() {
		queued = false;
		if (line == null || line.isDisposed()) {
			return;
		}
		List<Job> running = new ArrayList<>(Arrays.asList(Job.getJobManager().find(StationModel.JOB_FAMILY)));
		running.removeIf(job -> job.getState() != Job.RUNNING || job.isSystem());
		running.sort(Comparator.comparing(Job::getName));
		line.setText(running.isEmpty() ? "Nothing runs in the background."
				: "Running: " + String.join(" · ", running.stream().map(Job::getName).toList()));
	}
}
