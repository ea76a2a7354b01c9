package io.mintage.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * The socket an {@link EmulatorHost} takes its chips from when they come one after another (what a
 * {@link ChipFeeder} gives it). Every call comes on the host's thread.
 */
interface Fixture {

	/** A chip ready to go in, with the faults it meets (counted from its own first byte). */
	record Loaded(EmulatedChip chip, FaultPlan faults) {
	}

	/** The chip on the line has left its bootloader for good; it is taken out next. */
	void left(EmulatedChip chip, String why);

	/** How long a chip that left its bootloader stays on the line before it is taken out. */
	Duration takeOutAfter();

	/** How long the line is silent between taking a chip out and the next one answering. */
	Duration swapDelay();

	/** The next chip, or empty when no more come (the fixture then stays empty and the line silent). */
	Optional<Loaded> next();

	/** The chip is on the line now: what the client sends from here on reaches it. */
	void putIn(EmulatedChip chip);
}
