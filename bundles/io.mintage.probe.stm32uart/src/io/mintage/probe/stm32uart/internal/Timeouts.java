package io.mintage.probe.stm32uart.internal;

import java.time.Duration;

/**
 * How long the host waits for the chip. The defaults are stm32flash's, which real chips meet with
 * room to spare (mcu-protocols.md A.5); tests against a fast emulator shorten them so a fault that
 * makes the host wait costs milliseconds, not seconds.
 *
 * @param answer      an ACK or the bytes of an answer to an ordinary command
 * @param syncAttempts how many 0x7F the host sends before it gives up
 * @param write       one Write Memory block to be programmed
 * @param unitErase   one page or 16 KiB of a sector to be erased (F4 sectors take longer per byte
 *                    count, so a 128 KiB sector gets 8 times as long)
 * @param massErase   a mass erase, also the one inside Readout Unprotect
 * @param restart     how long a chip takes to come back after it reset itself (protect, unprotect)
 */
record Timeouts(Duration answer, int syncAttempts, Duration write, Duration unitErase, Duration massErase,
		Duration restart) {

	static final Timeouts DEFAULT = new Timeouts(Duration.ofMillis(500), 5, Duration.ofSeconds(1),
			Duration.ofSeconds(5), Duration.ofSeconds(35), Duration.ofMillis(300));

	Duration erase(long unitBytes) {
		long sixteenKiB = Math.max(1, (unitBytes + 16 * 1024 - 1) / (16 * 1024));
		return unitErase.multipliedBy(sixteenKiB);
	}
}
