package io.mintage.serial;

import java.util.Objects;

/**
 * How a line is set up: baud rate, parity and stop bits (always 8 data bits). The STM32 bootloader
 * wants 8E1 on a real UART; on a pty parity means nothing and Linux refuses to set it, so
 * {@link #onPty()} drops it (docs/test-tools pitfall).
 *
 * @param baudRate     bits per second, 1200 .. 4,000,000
 * @param parity       none or even
 * @param stopBits     1 or 2
 */
public record SerialSettings(int baudRate, Parity parity, int stopBits) {

	public enum Parity {
		NONE, EVEN
	}

	public SerialSettings {
		Objects.requireNonNull(parity, "parity");
		if (baudRate < 1200 || baudRate > 4_000_000) {
			throw new IllegalArgumentException("baud rate " + baudRate + " is outside 1200 .. 4000000");
		}
		if (stopBits != 1 && stopBits != 2) {
			throw new IllegalArgumentException("stop bits must be 1 or 2, not " + stopBits);
		}
	}

	/** 8E1, the STM32 USART bootloader's framing. */
	public static SerialSettings evenParity(int baudRate) {
		return new SerialSettings(baudRate, Parity.EVEN, 1);
	}

	/** 8N1, the LPC ISP's framing. */
	public static SerialSettings noParity(int baudRate) {
		return new SerialSettings(baudRate, Parity.NONE, 1);
	}

	/** The same settings without parity, for a pty that cannot carry it. */
	public SerialSettings onPty() {
		return new SerialSettings(baudRate, Parity.NONE, stopBits);
	}

	/** Bits on the wire per byte: start, 8 data, parity if any, stop bits. */
	public int bitsPerByte() {
		return 1 + 8 + (parity == Parity.EVEN ? 1 : 0) + stopBits;
	}

	/** Nanoseconds one byte takes on the wire at this rate. */
	public long nanosPerByte() {
		return 1_000_000_000L * bitsPerByte() / baudRate;
	}

	@Override
	public String toString() {
		return baudRate + " Bd 8" + (parity == Parity.EVEN ? "E" : "N") + stopBits;
	}
}
