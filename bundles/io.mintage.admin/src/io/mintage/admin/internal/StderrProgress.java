package io.mintage.admin.internal;

import java.io.PrintStream;

import io.mintage.core.progress.ProgressMonitor;

/**
 * Progress of long command-line work on standard error, a line per tenth ("import-report: week-47.mreport
 * 30%"), so that standard output stays the command's result (or its JSON). Work of less than
 * {@value #QUIET_BELOW} units (bytes) finishes before anyone waits: it prints nothing.
 */
final class StderrProgress implements ProgressMonitor {

	static final long QUIET_BELOW = 8L << 20;

	private final PrintStream err;
	private final String prefix;
	private String task = "";
	private long total;
	private long done;
	private int shownTenths;

	StderrProgress(PrintStream err, String prefix) {
		this.err = err;
		this.prefix = prefix;
	}

	@Override
	public void begin(String task, long totalWork) {
		this.task = task;
		this.total = totalWork;
		this.done = 0;
		this.shownTenths = 0;
	}

	@Override
	public void worked(long work) {
		done += work;
		if (total < QUIET_BELOW) {
			return;
		}
		int tenths = (int) Math.min(10, done * 10 / total);
		if (tenths > shownTenths) {
			shownTenths = tenths;
			err.println(prefix + ": " + task + " " + tenths * 10 + "%");
		}
	}

	@Override
	public boolean isCancelled() {
		return false;
	}
}
