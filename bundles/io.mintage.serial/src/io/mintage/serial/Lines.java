package io.mintage.serial;

import java.io.IOException;
import java.time.Duration;

/**
 * Small line habits every UART probe needs: wait for one answer byte, and swallow whatever a chip
 * still sends after an error (a second NACK, the tail of an answer an earlier attempt gave up on)
 * so the next exchange starts on a quiet line.
 */
public final class Lines {

	private Lines() {
	}

	/** The next byte (0..255), or -1 when none came within {@code timeout}. */
	public static int readByte(SerialLine line, Duration timeout) throws IOException {
		byte[] one = new byte[1];
		return line.read(one, 0, 1, timeout) == 0 ? -1 : one[0] & 0xFF;
	}

	/**
	 * Reads and throws away bytes until the line has been quiet for {@code quiet}, but for no longer
	 * than {@code limit} in all: a chip that keeps talking must not hold the host forever.
	 *
	 * @return how many bytes were thrown away
	 */
	public static int drain(SerialLine line, Duration quiet, Duration limit) throws IOException {
		byte[] buffer = new byte[512];
		long deadline = System.nanoTime() + limit.toNanos();
		int discarded = 0;
		while (System.nanoTime() < deadline) {
			int n = line.read(buffer, 0, buffer.length, quiet);
			if (n == 0) {
				break;
			}
			discarded += n;
		}
		return discarded;
	}
}
