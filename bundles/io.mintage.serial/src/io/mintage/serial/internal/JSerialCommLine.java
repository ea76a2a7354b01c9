package io.mintage.serial.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

import com.fazecast.jSerialComm.SerialPort;

import io.mintage.serial.ControlSequence;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;

/**
 * One open jSerialComm port. Reads are semi-blocking (return as soon as one byte is there, or after the
 * timeout); jSerialComm reports a closed peer as -1 from a read and 0 from a write, which become
 * {@link IOException}s here so a vanished adapter or emulator is never mistaken for silence.
 */
final class JSerialCommLine implements SerialLine {

	/** A write that moves nothing for this long means nobody drains the other end. */
	static final int WRITE_TIMEOUT_MS = 5_000;
	/** How long one underlying read waits before the deadline is checked again. */
	static final int READ_SLICE_MS = 10;

	private final String name;
	private final SerialPort port;
	private final boolean pty;
	private final Object readLock = new Object();
	private final Object writeLock = new Object();
	private final Object closeLock = new Object();
	private volatile SerialSettings settings;
	private volatile boolean closed;

	JSerialCommLine(String name, SerialPort port, SerialSettings settings, boolean pty) {
		this.name = name;
		this.port = port;
		this.settings = settings;
		this.pty = pty;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public SerialSettings settings() {
		return settings;
	}

	/** Whether this is a pty, where parity was dropped and modem lines do not exist. */
	boolean isPty() {
		return pty;
	}

	/**
	 * Hands the bytes to the driver without waiting for them to leave: jSerialComm's write-blocking
	 * mode calls tcdrain after every write, a round trip through the driver (or the pty's other side)
	 * per frame that the protocol's own answer makes needless — the ACK cannot come before the bytes
	 * went out anyway. A full driver buffer is waited for, up to WRITE_TIMEOUT_MS.
	 */
	@Override
	public void write(byte[] data, int offset, int length) throws IOException {
		synchronized (writeLock) {
			int done = 0;
			long deadline = System.nanoTime() + WRITE_TIMEOUT_MS * 1_000_000L;
			while (done < length) {
				checkOpen();
				int n = port.writeBytes(data, length - done, offset + done);
				if (n < 0) {
					throw new IOException(name + ": could not send (" + (length - done) + " bytes left): the line is gone"
							+ JSerialCommPorts.reason(port.getLastErrorCode()));
				}
				if (n == 0) {
					if (System.nanoTime() - deadline > 0) {
						throw new IOException(name + ": could not send (" + (length - done) + " bytes left): the other "
								+ "end took nothing within " + WRITE_TIMEOUT_MS
								+ " ms (is the adapter unplugged or the emulator stopped?)");
					}
					Thread.onSpinWait();
					continue;
				}
				done += n;
			}
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
		if (length == 0) {
			return 0;
		}
		synchronized (readLock) {
			checkOpen();
			long nanos = timeout.toNanos();
			int n;
			if (nanos <= 0) {
				// jSerialComm takes a timeout of 0 as "wait for ever": only take what is there already
				int available = port.bytesAvailable();
				if (available < 0) {
					throw gone();
				}
				n = available == 0 ? 0 : port.readBytes(buffer, Math.min(length, available), offset);
			} else {
				// The port keeps one short semi-blocking timeout, set at open, and longer waits loop over
				// it: reconfiguring the timeout per call costs a tcsetattr each time, which at a few
				// thousand exchanges per image was measurable. A byte that arrives ends the wait at once.
				long deadline = System.nanoTime() + nanos;
				do {
					n = port.readBytes(buffer, length, offset);
				} while (n == 0 && System.nanoTime() - deadline < 0);
			}
			if (n < 0) {
				throw gone();
			}
			return n;
		}
	}

	private IOException gone() {
		if (closed) {
			return new IOException(name + " is closed");
		}
		return new IOException(name + ": the line is gone" + JSerialCommPorts.reason(port.getLastErrorCode())
				+ "; the adapter was unplugged or the program behind the pty stopped");
	}

	private void checkOpen() throws IOException {
		if (closed) {
			throw new IOException(name + " is closed");
		}
	}

	@Override
	public void discardInput() throws IOException {
		synchronized (readLock) {
			checkOpen();
			// read rather than flush: tcflush(TCIOFLUSH) would also drop what we are still sending
			byte[] scratch = new byte[1024];
			int available;
			while ((available = port.bytesAvailable()) > 0) {
				if (port.readBytes(scratch, Math.min(available, scratch.length), 0) < 0) {
					throw gone();
				}
			}
			if (available < 0) {
				throw gone();
			}
		}
	}

	@Override
	public void setBaudRate(int baudRate) throws IOException {
		SerialSettings changed = new SerialSettings(baudRate, settings.parity(), settings.stopBits());
		checkOpen();
		if (!port.setBaudRate(baudRate)) {
			throw new IOException(name + ": could not change to " + baudRate + " Bd"
					+ JSerialCommPorts.reason(port.getLastErrorCode()));
		}
		settings = changed;
	}

	@Override
	public void control(ControlSequence sequence) throws IOException {
		if (pty) {
			throw new IOException(name + " is a pty (a pseudo-terminal, as an emulator uses): it has no DTR or RTS "
					+ "lines, so the control sequence '" + sequence + "' cannot run there; reset the emulated chip instead");
		}
		checkOpen();
		for (ControlSequence.Step step : sequence.steps()) {
			if (step instanceof ControlSequence.SetLine set) {
				boolean ok = switch (set.line()) {
				case DTR -> set.active() ? port.setDTR() : port.clearDTR();
				case RTS -> set.active() ? port.setRTS() : port.clearRTS();
				};
				if (!ok) {
					throw new IOException(name + ": could not " + (set.active() ? "set " : "release ") + set.line()
							+ " in the control sequence '" + sequence + "'" + JSerialCommPorts.reason(port.getLastErrorCode()));
				}
			} else if (step instanceof ControlSequence.Wait wait) {
				try {
					Thread.sleep(wait.duration().toMillis());
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException(name + ": interrupted during the control sequence '" + sequence + "'");
				}
			}
		}
	}

	@Override
	public void close() {
		synchronized (closeLock) {
			if (closed) {
				return;
			}
			closed = true;
		}
		port.closePort();
		OpenLines.closed(this);
	}

	@Override
	public String toString() {
		return name + " (" + settings + (pty ? ", pty" : "") + ")";
	}
}
