package io.mintage.sim;

import java.io.IOException;
import java.time.Duration;

import io.mintage.serial.SerialSettings;

/**
 * The emulated chip's UART as its boot ROM uses it. Every call takes the time the real wire would:
 * a byte is handed to the chip only once its last bit would have arrived, a write returns once its
 * last byte would have left (both from {@link SerialSettings#nanosPerByte()} of {@link #wire()}).
 * Planned faults happen inside: a dropped byte never arrives, a corrupted one arrives changed, a stall
 * delays it, a power loss at a byte throws {@link ChipInterrupt}. Every method may throw
 * {@link ChipInterrupt} (reset, power loss) and {@link IOException} (line closed, emulator stopped).
 */
public interface ChipPort {

	/** The wire the chip's UART is modelled on: its rate gives each byte its time. */
	SerialSettings wire();

	/** Changes the modelled rate (an ISP baud-rate command); the next byte takes the new time. */
	void setBaudRate(int baudRate);

	/** The next byte from the host, 0..255, waiting as long as it takes (boot ROMs have no timeout). */
	int read() throws IOException;

	/** The next byte from the host, or -1 when none came within {@code timeout}. */
	int read(Duration timeout) throws IOException;

	/** The next {@code count} bytes, waiting as long as it takes. */
	default byte[] read(int count) throws IOException {
		byte[] bytes = new byte[count];
		for (int i = 0; i < count; i++) {
			bytes[i] = (byte) read();
		}
		return bytes;
	}

	/** Sends bytes to the host, returning when the last would have left the wire. */
	void write(byte[] bytes) throws IOException;

	/** Sends bytes given as ints 0..255 (protocol constants read better that way). */
	default void write(int... bytes) throws IOException {
		byte[] b = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			b[i] = (byte) bytes[i];
		}
		write(b);
	}

	/** Drops bytes that arrived and were not read yet (a boot ROM restarting its auto-baud). */
	void discardInput();

	/**
	 * The chip is busy this long (a flash erase or program) and reads nothing meanwhile; what the host
	 * sends waits in the line. A reset or power loss during it throws {@link ChipInterrupt}.
	 */
	void busy(Duration duration) throws IOException;

	/**
	 * Whether a planned refusal ({@code nack@k} in the {@link FaultPlan}) is due now: true once, at the
	 * first call after byte k was received. The emulator then answers the command in progress with its
	 * protocol's refusal (STM32: NACK; LPC: an error return code) instead of going on.
	 */
	boolean refusalDue();

	/**
	 * Bytes received from the host since the host started (on a line fed by a {@link ChipFeeder}:
	 * since this chip was put in), dropped ones included.
	 */
	long received();

	/** Reports a protocol event for the host's trace ("GET", "WRITE 0x08000000 256 bytes"). */
	void trace(String event);

	/**
	 * Tells the host that the chip leaves its bootloader for good: the application starts (STM32 Go,
	 * LPC G), or the chip protected itself so that the bootloader it resets into refuses to start
	 * anything (STM32 Readout Protect). Returns at once; the chip goes on as it would (silent until
	 * reset, or resetting itself). A host serving one chip only notes it; a host fed by a
	 * {@link ChipFeeder} takes the chip out at its next port call or when its boot returns.
	 *
	 * @param why for the trace and the feeder's report, e.g. "Go 0x08000000 accepted"
	 */
	void leaveBootloader(String why);
}
