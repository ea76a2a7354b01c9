package io.mintage.sim;

import java.util.List;
import java.util.Optional;

import io.mintage.serial.SerialSettings;

/**
 * Makes emulated chips of some families; an OSGi service with the property {@link #FAMILY} once per
 * family it serves (e.g. {@code stm32f0}, {@code lpc11c24}), so the {@code sim} command finds every
 * emulator without a list of names.
 */
public interface EmulatorFactory {

	/** Service property: a family this factory emulates, as {@code mintage.mcu.family} names it. */
	String FAMILY = "mintage.sim.family";

	/** The families served, the same values as the {@link #FAMILY} property. */
	List<String> families();

	/** The variants of a family, the default first (e.g. {@code f103xb}, {@code f103xe}). */
	List<String> variants(String family);

	/** The framing the chip's bootloader uses on a real wire (8E1 for STM32, 8N1 for LPC ISP). */
	SerialSettings wire(int baudRate);

	/**
	 * A new chip in its delivery state.
	 *
	 * @param variant         one of {@link #variants(String)}, or empty for the default
	 * @param uid             the chip's unique ID, or empty for a fixed default
	 * @param flashTimeScale  factor on the datasheet flash times (1 = real time)
	 * @throws IllegalArgumentException in plain words for an unknown variant or a UID of the wrong size
	 */
	EmulatedChip create(String family, Optional<String> variant, Optional<byte[]> uid, double flashTimeScale);
}
