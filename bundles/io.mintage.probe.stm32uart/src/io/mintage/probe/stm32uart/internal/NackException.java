package io.mintage.probe.stm32uart.internal;

import java.io.IOException;

/** The bootloader answered NACK (0x1F): it refused the command or found a checksum wrong. */
final class NackException extends IOException {

	private static final long serialVersionUID = 1L;

	private final Bootloader.Phase phase;

	NackException(Bootloader.Phase phase, String message) {
		super(message);
		this.phase = phase;
	}

	/** A NACK to the command itself is how a read-protected chip refuses Read, Write and Go. */
	Bootloader.Phase phase() {
		return phase;
	}
}
