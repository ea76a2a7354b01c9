package io.mintage.sim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How long a flash takes to program and erase, from its datasheet, so an emulator takes the time a
 * chip would and a driver's timeouts and throughput are tested for real. {@code scale} shrinks every
 * time for fast tests (0.01 = a hundred times faster); 1.0 is the datasheet.
 *
 * @param programUnit   bytes programmed in one step (2 for a half-word flash, 1 for x8 parallelism)
 * @param perUnit       time of one programming step
 * @param eraseByBlock  erase time of one block, by block size in bytes (pages or sectors)
 * @param massErase     time of erasing the whole flash at once
 * @param scale         factor applied to every time
 */
public record FlashTiming(int programUnit, Duration perUnit, Map<Integer, Duration> eraseByBlock, Duration massErase,
		double scale) {

	public FlashTiming {
		Objects.requireNonNull(perUnit, "perUnit");
		Objects.requireNonNull(massErase, "massErase");
		if (programUnit < 1) {
			throw new IllegalArgumentException("the program unit must be at least one byte, not " + programUnit);
		}
		if (!(scale >= 0)) {
			throw new IllegalArgumentException("the time scale must be 0 or more, not " + scale);
		}
		eraseByBlock = Map.copyOf(new TreeMap<>(eraseByBlock));
	}

	/** A flash that takes no time at all (unit tests of protocol logic). */
	public static FlashTiming instant() {
		return new FlashTiming(1, Duration.ZERO, Map.of(), Duration.ZERO, 0);
	}

	/** The same flash with every time multiplied by {@code factor} (on top of the current scale). */
	public FlashTiming scaled(double factor) {
		return new FlashTiming(programUnit, perUnit, eraseByBlock, massErase, scale * factor);
	}

	/** Time to program {@code bytes} bytes (whole units). */
	public Duration program(int bytes) {
		long units = (bytes + programUnit - 1) / programUnit;
		return scaled(perUnit.toNanos() * units);
	}

	/**
	 * Time to erase one block of this size; a size not in the table takes the time of the nearest
	 * smaller block, proportionally (none smaller: the smallest one's time).
	 */
	public Duration erase(int blockSize) {
		if (eraseByBlock.isEmpty()) {
			return Duration.ZERO;
		}
		Duration exact = eraseByBlock.get(blockSize);
		if (exact != null) {
			return scaled(exact.toNanos());
		}
		TreeMap<Integer, Duration> sorted = new TreeMap<>(eraseByBlock);
		Map.Entry<Integer, Duration> below = sorted.floorEntry(blockSize);
		if (below == null) {
			return scaled(sorted.firstEntry().getValue().toNanos());
		}
		return scaled(below.getValue().toNanos() * blockSize / below.getKey());
	}

	public Duration massErase() {
		return scaled(massErase.toNanos());
	}

	private Duration scaled(long nanos) {
		return Duration.ofNanos(Math.round(nanos * scale));
	}
}
