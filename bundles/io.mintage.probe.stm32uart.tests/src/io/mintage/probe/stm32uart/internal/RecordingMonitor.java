package io.mintage.probe.stm32uart.internal;

import java.util.ArrayList;
import java.util.List;

import io.mintage.core.progress.ProgressMonitor;

/** A monitor that keeps what it was told and asks to stop after a number of worked() calls. */
final class RecordingMonitor implements ProgressMonitor {

	final List<String> tasks = new ArrayList<>();
	long total;
	long done;
	int steps;
	private final int cancelAfterSteps;

	RecordingMonitor() {
		this(Integer.MAX_VALUE);
	}

	RecordingMonitor(int cancelAfterSteps) {
		this.cancelAfterSteps = cancelAfterSteps;
	}

	@Override
	public void begin(String task, long totalWork) {
		tasks.add(task);
		total = totalWork;
		done = 0;
		steps = 0;
	}

	@Override
	public void worked(long work) {
		done += work;
		steps++;
	}

	@Override
	public boolean isCancelled() {
		return steps >= cancelAfterSteps;
	}
}
