package io.mintage.serial;

import java.io.IOException;
import java.time.Duration;

/** Fewer bytes came than expected within the time a protocol allows. */
public final class SerialTimeoutException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int expected;
	private final int received;

	public SerialTimeoutException(String line, int expected, int received, Duration timeout) {
		super(line + ": " + (received == 0 ? "no answer" : "only " + received + " of " + expected + " bytes")
				+ " within " + timeout.toMillis() + " ms");
		this.expected = expected;
		this.received = received;
	}

	public int expected() {
		return expected;
	}

	public int received() {
		return received;
	}
}
