package io.mintage.serial;

import java.io.IOException;

/**
 * A failure that another attempt cannot change: the chip refuses by design (readout protection,
 * an address it does not accept). {@link Retry} passes it on at once, unwrapped, so the person reads
 * the chip's reason instead of "failed 3 times".
 */
public class Refusal extends IOException {

	private static final long serialVersionUID = 1L;

	public Refusal(String message) {
		super(message);
	}
}
