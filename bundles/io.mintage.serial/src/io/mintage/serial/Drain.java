package io.mintage.serial;

import java.io.IOException;
import java.time.Duration;

/**
 * Brings a line to silence after a failed exchange: reads and drops whatever still comes (late answers,
 * echoes of an attempt that is over) until nothing arrives for a while, so the next attempt starts on a
 * clean line. Every UART probe needs this before it retries or resynchronises.
 */
public final class Drain {

	private Drain() {
	}

	/**
	 * Drops bytes until the line was quiet for {@code quiet}, for at most {@code limit} in all (a chip
	 * that keeps talking must not hold the probe for ever).
	 *
	 * @return how many bytes were dropped
	 */
	public static long untilQuiet(SerialLine line, Duration quiet, Duration limit) throws IOException {
		long end = System.nanoTime() + limit.toNanos();
		byte[] scrap = new byte[256];
		long dropped = 0;
		int n;
		while (System.nanoTime() < end && (n = line.read(scrap, 0, scrap.length, quiet)) > 0) {
			dropped += n;
		}
		line.discardInput();
		return dropped;
	}
}
