package io.mintage.station.engine;

/**
 * How many more devices the sites of one run may make ({@code --count N}), shared by all of them: a
 * site takes a place before it starts a device, a pass uses the place up, anything else gives it back.
 */
public final class DeviceBudget {

	private long left;
	private long inFlight;
	private final boolean unlimited;

	private DeviceBudget(long count, boolean unlimited) {
		this.left = count;
		this.unlimited = unlimited;
	}

	public static DeviceBudget unlimited() {
		return new DeviceBudget(0, true);
	}

	public static DeviceBudget of(long count) {
		if (count < 1) {
			throw new IllegalArgumentException("a count of devices is at least 1, not " + count);
		}
		return new DeviceBudget(count, false);
	}

	/** Takes one place for a device about to start; false when none is left now. */
	synchronized boolean take() {
		if (!unlimited) {
			if (left == 0) {
				return false;
			}
			left--;
		}
		inFlight++;
		return true;
	}

	/** The device of a taken place passed: the place is used up. */
	synchronized void passed() {
		inFlight--;
	}

	/** The device of a taken place did not pass: another device may have the place. */
	synchronized void giveBack() {
		inFlight--;
		if (!unlimited) {
			left++;
		}
	}

	/** Every place is used up by a pass: the run is complete. */
	public synchronized boolean done() {
		return !unlimited && left == 0 && inFlight == 0;
	}

	/** Places neither used up nor taken; {@link Long#MAX_VALUE} when unlimited. */
	public synchronized long left() {
		return unlimited ? Long.MAX_VALUE : left;
	}
}
