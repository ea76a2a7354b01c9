package io.mintage.core;

/**
 * A device serial number within a product. Serials are unsigned 32-bit values handed out from the
 * range a quota certifies; the record carries them as four bytes.
 */
public record SerialNumber(long value) implements Comparable<SerialNumber> {

	public SerialNumber {
		if (value < 0 || value > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("a serial number is an unsigned 32-bit value, not " + value);
		}
	}

	@Override
	public int compareTo(SerialNumber other) {
		return Long.compare(value, other.value);
	}

	@Override
	public String toString() {
		return Long.toString(value);
	}
}
