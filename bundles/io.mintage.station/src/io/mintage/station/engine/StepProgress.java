package io.mintage.station.engine;

import java.util.function.IntConsumer;

import io.mintage.core.progress.ProgressMonitor;

/**
 * Turns the work a driver reports for one step into the device's overall percentage: each step owns
 * a slice of 0..100 and fills it as the driver's {@code worked} calls add up. Cancelled when the site
 * is stopped hard.
 */
final class StepProgress implements ProgressMonitor {

	private final IntConsumer percent;
	private final java.util.function.BooleanSupplier cancelled;
	private int from;
	private int to;
	private long total;
	private long done;
	private int shown = -1;

	StepProgress(IntConsumer percent, java.util.function.BooleanSupplier cancelled) {
		this.percent = percent;
		this.cancelled = cancelled;
	}

	/** The next step fills {@code from}..{@code to} percent; its start is shown even at the same percentage. */
	StepProgress slice(int from, int to) {
		this.from = from;
		this.to = to;
		this.total = 0;
		this.done = 0;
		// a step usually starts where the last one's work ended (verify fills up to 95, protect starts at
		// 95): shown anyway, or the site would go on naming the last step and the protect step would never
		// be announced at all
		shown = -1;
		show(from);
		return this;
	}

	@Override
	public void begin(String task, long totalWork) {
		total = Math.max(0, totalWork);
		done = 0;
	}

	@Override
	public void worked(long work) {
		done += work;
		if (total > 0) {
			show(from + (int) ((to - from) * Math.min(done, total) / total));
		}
	}

	@Override
	public boolean isCancelled() {
		return cancelled.getAsBoolean();
	}

	void show(int value) {
		if (value != shown) {
			shown = value;
			percent.accept(value);
		}
	}
}
