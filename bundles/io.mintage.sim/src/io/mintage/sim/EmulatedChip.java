package io.mintage.sim;

import java.io.IOException;

/**
 * One emulated microcontroller as its ROM bootloader shows it on a serial line. Implementations hold
 * the protocol state machine and the chip's memories; the {@link EmulatorHost} owns the thread, the
 * line, timing and faults. An emulator is used by one host at a time.
 *
 * <p>Lifecycle, driven by the host: {@code reset(POWER_ON)}, then {@code boot(port)}; whenever boot
 * ends by returning (the chip reset itself) or by a {@link ChipInterrupt} (reset pin, power loss), the
 * host calls {@code reset(kind)} and {@code boot(port)} again, until the line closes.
 */
public interface EmulatedChip {

	/** What is emulated, for messages: "STM32F103xB (PID 0x410), bootloader V2.2". */
	String description();

	/**
	 * Puts the chip's state as it is after this kind of reset: a bootloader waiting for its sync,
	 * volatile state cleared; flash and option bytes survive everything but {@code POWER_ON} of a new
	 * emulator (where they have their configured contents).
	 */
	void reset(ResetKind kind);

	/**
	 * Runs the boot ROM from reset: waits for the host's synchronisation and serves commands.
	 * Returns when the chip resets itself (the host then calls {@code reset(SOFTWARE)} and boots it
	 * again). A {@link ChipInterrupt} or an {@link IOException} from the port (line gone, emulator
	 * stopped) must be let through.
	 */
	void boot(ChipPort port) throws IOException;

	// ---- read accessors, for tests and reports; safe to call once the chip no longer serves ----

	/**
	 * The chip's unique ID as a probe reads it and as {@link EmulatorFactory#create} takes it (STM32:
	 * the 12 bytes at the UID address; LPC11xx: the four words N reports, each little-endian).
	 */
	byte[] uid();

	/** A copy of the whole flash as it is now, from its first address. */
	byte[] flashContents();

	/**
	 * Whether the chip's flash is protected from being read as its option bytes or CRP word now say
	 * (STM32 RDP above level 0; LPC11xx a CRP word in flash, which the boot ROM enforces from its next
	 * reset on).
	 */
	boolean readoutProtected();
}
