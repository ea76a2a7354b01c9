package io.mintage.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * What a {@link ChipFeeder} puts on its line: blank chips of one family and variant whose UIDs count
 * up from a first one, how many, how long the line is silent while one is swapped for the next, and,
 * where they differ from chip to chip, the faults each meets (otherwise every chip meets the
 * {@link HostOptions#faults()}). Immutable; the {@code with} methods return a changed copy.
 */
public final class FeedPlan {

	/** How long the fixture is empty between two chips unless told otherwise: a quick operator. */
	public static final Duration DEFAULT_SWAP_DELAY = Duration.ofMillis(300);
	/**
	 * How long a chip that left its bootloader stays in the fixture before it is taken out unless told
	 * otherwise: long enough for a chip that reset itself after Readout Protect to answer the station's
	 * reconnect (the STM32 probe waits 300 ms for it), as a real chip does before the operator takes it.
	 */
	public static final Duration DEFAULT_TAKE_OUT_AFTER = Duration.ofMillis(800);

	private final String family;
	private final Optional<String> variant;
	private final byte[] firstUid;
	private final OptionalInt count;
	private final Duration swapDelay;
	private final double flashTimeScale;
	/** Faults by chip number, or null: every chip meets the host options' faults. */
	private final IntFunction<FaultPlan> faults;
	private final Duration takeOutAfter;

	private FeedPlan(String family, Optional<String> variant, byte[] firstUid, OptionalInt count, Duration swapDelay,
			double flashTimeScale, IntFunction<FaultPlan> faults, Duration takeOutAfter) {
		this.family = Objects.requireNonNull(family, "family");
		this.variant = Objects.requireNonNull(variant, "variant");
		this.firstUid = firstUid == null ? null : firstUid.clone();
		this.count = Objects.requireNonNull(count, "count");
		this.swapDelay = Objects.requireNonNull(swapDelay, "swapDelay");
		this.flashTimeScale = flashTimeScale;
		this.faults = faults;
		this.takeOutAfter = Objects.requireNonNull(takeOutAfter, "takeOutAfter");
		if (swapDelay.isNegative() || takeOutAfter.isNegative()) {
			throw new IllegalArgumentException("the swap delay and the take-out time cannot be negative");
		}
		if (count.isPresent() && count.getAsInt() < 1) {
			throw new IllegalArgumentException("a feeder feeds at least one chip, not " + count.getAsInt());
		}
		if (!(flashTimeScale >= 0)) {
			throw new IllegalArgumentException("the flash time scale must be 0 or more, not " + flashTimeScale);
		}
	}

	/**
	 * Chips of the family's default variant, the first with the factory's default UID, without end,
	 * {@link #DEFAULT_SWAP_DELAY} apart, with datasheet flash times, each meeting the host options' faults.
	 */
	public static FeedPlan of(String family) {
		return new FeedPlan(family, Optional.empty(), null, OptionalInt.empty(), DEFAULT_SWAP_DELAY, 1.0, null,
				DEFAULT_TAKE_OUT_AFTER);
	}

	/** One of {@link EmulatorFactory#variants(String)}. */
	public FeedPlan withVariant(String id) {
		return new FeedPlan(family, Optional.of(id), firstUid, count, swapDelay, flashTimeScale, faults, takeOutAfter);
	}

	/** The first chip's UID; each next chip's is one more ({@link ChipFeeder#uidAfter(byte[])}). */
	public FeedPlan withFirstUid(byte[] uid) {
		return new FeedPlan(family, variant, Objects.requireNonNull(uid, "uid"), count, swapDelay, flashTimeScale,
				faults, takeOutAfter);
	}

	/** Stop after {@code chips} chips: once the last has left its bootloader the line stays silent. */
	public FeedPlan withCount(int chips) {
		return new FeedPlan(family, variant, firstUid, OptionalInt.of(chips), swapDelay, flashTimeScale, faults,
				takeOutAfter);
	}

	/** How long the line is silent between taking a chip out and the next one answering. */
	public FeedPlan withSwapDelay(Duration delay) {
		return new FeedPlan(family, variant, firstUid, count, delay, flashTimeScale, faults, takeOutAfter);
	}

	/** Factor on the datasheet erase and program times of every chip (0.01: a hundred times faster). */
	public FeedPlan withFlashTimeScale(double scale) {
		return new FeedPlan(family, variant, firstUid, count, swapDelay, scale, faults, takeOutAfter);
	}

	/**
	 * The faults of chip n (1 for the first), each plan counted from that chip's first byte, instead of
	 * the host options' faults for every chip.
	 */
	public FeedPlan withFaultsPerChip(IntFunction<FaultPlan> plans) {
		return new FeedPlan(family, variant, firstUid, count, swapDelay, flashTimeScale,
				Objects.requireNonNull(plans, "plans"), takeOutAfter);
	}

	/** How long a finished chip stays on the line before it is taken out. */
	public FeedPlan withTakeOutAfter(Duration wait) {
		return new FeedPlan(family, variant, firstUid, count, swapDelay, flashTimeScale, faults,
				Objects.requireNonNull(wait, "wait"));
	}

	public Duration takeOutAfter() {
		return takeOutAfter;
	}

	public String family() {
		return family;
	}

	public Optional<String> variant() {
		return variant;
	}

	/** The first chip's UID, or empty for the factory's default. */
	public Optional<byte[]> firstUid() {
		return Optional.ofNullable(firstUid).map(byte[]::clone);
	}

	/** How many chips, or empty for no end. */
	public OptionalInt count() {
		return count;
	}

	public Duration swapDelay() {
		return swapDelay;
	}

	public double flashTimeScale() {
		return flashTimeScale;
	}

	/** The faults chip {@code number} (1 for the first) meets, given the host options' plan for every chip. */
	public FaultPlan faultsOf(int number, FaultPlan everyChip) {
		return faults == null ? everyChip
				: Objects.requireNonNull(faults.apply(number), "the fault plan of chip " + number);
	}
}
