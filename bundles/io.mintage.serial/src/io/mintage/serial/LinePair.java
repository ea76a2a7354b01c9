package io.mintage.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two {@link SerialLine}s joined in memory: what one writes the other reads. An emulator attached to
 * one end stands in for a chip without a pty, for fast in-process tests and benchmarks; the line
 * itself takes no time (the emulators model wire time themselves).
 */
public final class LinePair {

	private final End host;
	private final End device;

	private LinePair(String name, SerialSettings settings) {
		Buffer toDevice = new Buffer();
		Buffer toHost = new Buffer();
		this.host = new End(name + " (host end)", settings, toDevice, toHost);
		this.device = new End(name + " (device end)", settings, toHost, toDevice);
	}

	public static LinePair create(String name, SerialSettings settings) {
		return new LinePair(name, settings);
	}

	/** The end a probe driver uses. */
	public SerialLine host() {
		return host;
	}

	/** The end an emulator uses. */
	public SerialLine device() {
		return device;
	}

	/** A growable byte queue with blocking reads; closing either end ends both directions. */
	private static final class Buffer {
		private final ReentrantLock lock = new ReentrantLock();
		private final Condition available = lock.newCondition();
		private byte[] bytes = new byte[4096];
		private int head;
		private int tail;
		private boolean closed;

		void put(byte[] data, int offset, int length) throws IOException {
			lock.lock();
			try {
				if (closed) {
					throw new IOException("the line is closed");
				}
				if (tail + length > bytes.length) {
					int size = tail - head;
					byte[] larger = size + length > bytes.length ? new byte[Math.max(bytes.length * 2, size + length)]
							: bytes;
					System.arraycopy(bytes, head, larger, 0, size);
					bytes = larger;
					head = 0;
					tail = size;
				}
				System.arraycopy(data, offset, bytes, tail, length);
				tail += length;
				available.signalAll();
			} finally {
				lock.unlock();
			}
		}

		int take(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
			long nanos = timeout.toNanos();
			lock.lock();
			try {
				while (head == tail) {
					if (closed) {
						throw new IOException("the line is closed");
					}
					if (nanos <= 0) {
						return 0;
					}
					nanos = available.awaitNanos(nanos);
				}
				int n = Math.min(length, tail - head);
				System.arraycopy(bytes, head, buffer, offset, n);
				head += n;
				return n;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while reading");
			} finally {
				lock.unlock();
			}
		}

		void clear() {
			lock.lock();
			try {
				head = tail = 0;
			} finally {
				lock.unlock();
			}
		}

		void close() {
			lock.lock();
			try {
				closed = true;
				available.signalAll();
			} finally {
				lock.unlock();
			}
		}
	}

	private static final class End implements SerialLine {
		private final String name;
		private final Buffer out;
		private final Buffer in;
		private volatile SerialSettings settings;

		End(String name, SerialSettings settings, Buffer out, Buffer in) {
			this.name = name;
			this.settings = settings;
			this.out = out;
			this.in = in;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public SerialSettings settings() {
			return settings;
		}

		@Override
		public void write(byte[] data, int offset, int length) throws IOException {
			out.put(data, offset, length);
		}

		@Override
		public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
			return in.take(buffer, offset, length, timeout);
		}

		@Override
		public void discardInput() {
			in.clear();
		}

		@Override
		public void setBaudRate(int baudRate) {
			settings = new SerialSettings(baudRate, settings.parity(), settings.stopBits());
		}

		@Override
		public void control(ControlSequence sequence) throws IOException {
			throw new IOException(name + " is an in-memory line: it has no DTR/RTS lines to run '" + sequence + "'");
		}

		@Override
		public void close() {
			out.close();
			in.close();
		}
	}

	@Override
	public String toString() {
		return host.name();
	}

}
