package io.mintage.ui.station.model;

import java.util.OptionalDouble;

import io.mintage.ledger.Ledger;

/**
 * Devices of the open run's jobs over one span (this shift, today, in total), as the ledger counts them:
 * {@code device-completed}, {@code device-failed} and {@code device-rework} events.
 */
public record Tally(long passed, long failed, long reworked) {

	public static final Tally NONE = new Tally(0, 0, 0);

	static Tally since(Ledger.Counters counters) {
		return new Tally(counters.completed(), counters.failed(), counters.reworked());
	}

	static Tally total(Ledger.Counters counters) {
		return new Tally(counters.completedTotal(), counters.failedTotal(), counters.reworkedTotal());
	}

	/** Both spans added up (the jobs of a run of several). */
	public Tally plus(Tally other) {
		return new Tally(passed + other.passed, failed + other.failed, reworked + other.reworked);
	}

	/** Passed of all attempts that ended, in percent; empty when nothing ended yet. */
	public OptionalDouble yieldPercent() {
		long ended = passed + failed;
		return ended == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * passed / ended);
	}
}
