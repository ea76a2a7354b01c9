package io.mintage.serial;

import java.io.IOException;
import java.time.Duration;

/**
 * An open byte line to one chip: a USB-UART adapter, a pty an emulator listens on, or one end of an
 * in-memory {@link LinePair}. The one abstraction every UART probe talks through, so the protocol
 * code never sees jSerialComm and runs unchanged against emulators in-process.
 */
public interface SerialLine extends AutoCloseable {

	/** Where the line goes, for messages: "/dev/ttyUSB0", "in-memory line 'stm32f1'". */
	String name();

	/** The settings the line runs with now. */
	SerialSettings settings();

	/** Writes all bytes (blocking until the driver took them). */
	void write(byte[] data, int offset, int length) throws IOException;

	default void write(byte... data) throws IOException {
		write(data, 0, data.length);
	}

	/**
	 * Reads up to {@code length} bytes, waiting at most {@code timeout} for the first one.
	 *
	 * @return the number of bytes read, 0 when nothing came within the timeout
	 * @throws IOException when the line is gone (adapter unplugged, emulator stopped)
	 */
	int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

	/**
	 * Reads exactly {@code length} bytes, the whole read within {@code timeout}.
	 *
	 * @throws SerialTimeoutException naming how many bytes came, when the rest did not
	 */
	default byte[] readExactly(int length, Duration timeout) throws IOException {
		byte[] buffer = new byte[length];
		long deadline = System.nanoTime() + timeout.toNanos();
		int done = 0;
		while (done < length) {
			long left = deadline - System.nanoTime();
			int n = left <= 0 ? 0 : read(buffer, done, length - done, Duration.ofNanos(left));
			if (n == 0) {
				throw new SerialTimeoutException(name(), length, done, timeout);
			}
			done += n;
		}
		return buffer;
	}

	/** Discards whatever was received and not read yet (stale answers of an earlier attempt). */
	void discardInput() throws IOException;

	/** Changes the baud rate (LPC ISP's baud change, a retry at a lower rate). */
	void setBaudRate(int baudRate) throws IOException;

	/**
	 * Drives the modem control lines: DTR and RTS wired to RESET and BOOT0 (or ISP) of the chip, as
	 * a {@link ControlSequence} says. A pty has no such lines: the call fails there with a plain
	 * message, and emulators are reset another way.
	 */
	void control(ControlSequence sequence) throws IOException;

	@Override
	void close() throws IOException;
}
