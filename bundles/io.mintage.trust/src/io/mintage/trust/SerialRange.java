package io.mintage.trust;

import io.mintage.core.SerialNumber;

/**
 * The serial numbers a batch certificate covers: {@code count} serials from {@code first} on, at least
 * one, all of them unsigned 32-bit values (so {@code first + count} is at most 2^32).
 */
public record SerialRange(SerialNumber first, long count) {

	/** One past the largest serial number. */
	public static final long SERIAL_LIMIT = 1L << 32;

	public SerialRange {
		if (first == null) {
			throw new IllegalArgumentException("a serial range needs its first serial");
		}
		if (count < 1) {
			throw new IllegalArgumentException("a serial range holds at least one serial, not " + count);
		}
		if (first.value() + count > SERIAL_LIMIT) {
			throw new IllegalArgumentException(describeOverflow(first.value(), count));
		}
	}

	/** Why {@code first} and {@code count} do not make a range; shared with the decoder's message. */
	public static String describeOverflow(long first, long count) {
		return "serials " + first + " to " + (first + count - 1) + " (" + count
				+ " from " + first + ") go past the largest 32-bit serial, " + (SERIAL_LIMIT - 1);
	}

	public SerialNumber last() {
		return new SerialNumber(first.value() + count - 1);
	}

	public boolean contains(SerialNumber serial) {
		return serial.value() >= first.value() && serial.value() - first.value() < count;
	}

	/** "65536–75535", the form in messages. */
	@Override
	public String toString() {
		return first + "–" + last();
	}
}
