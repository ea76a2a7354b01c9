package io.mintage.sim;

import java.time.Duration;

/**
 * Thrown by {@link ChipPort} into the emulator when the chip is reset or loses power: whatever the
 * emulator was doing stops there, as on silicon. Emulators must let it pass (never catch
 * {@link RuntimeException} broadly); the {@link EmulatorHost} catches it, calls
 * {@link EmulatedChip#reset(ResetKind)} and boots the chip again.
 */
public final class ChipInterrupt extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ResetKind kind;
	private final Duration offTime;

	public ChipInterrupt(ResetKind kind, Duration offTime, String why) {
		super(why, null, false, false);
		this.kind = kind;
		this.offTime = offTime;
	}

	public ResetKind kind() {
		return kind;
	}

	/** How long the chip stays without power before it comes back (zero for a reset). */
	public Duration offTime() {
		return offTime;
	}
}
