package io.mintage.ui.admin.internal;

import org.eclipse.core.runtime.IProgressMonitor;

import io.mintage.core.progress.ProgressMonitor;

/** Mintage's progress to an Eclipse progress monitor (a dialog's bar), its cancel button back. */
final class ProgressBridge implements ProgressMonitor {

	private static final int TICKS = 1000;

	private final IProgressMonitor monitor;
	private boolean begun;
	private long total;
	private long done;
	private int ticked;

	ProgressBridge(IProgressMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void begin(String task, long totalWork) {
		if (!begun) {
			monitor.beginTask(task, TICKS);
			begun = true;
		} else {
			monitor.subTask(task);
		}
		total = totalWork;
		done = 0;
	}

	@Override
	public void worked(long work) {
		done += work;
		int ticks = total <= 0 ? 0 : (int) Math.min(TICKS, done * TICKS / total);
		if (ticks > ticked) {
			monitor.worked(ticks - ticked);
			ticked = ticks;
		}
	}

	@Override
	public boolean isCancelled() {
		return monitor.isCanceled();
	}
}
