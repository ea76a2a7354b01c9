package io.mintage.sim.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.ChipInterrupt;
import io.mintage.sim.ChipPort;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.FaultPlan.Fault;
import io.mintage.sim.HostOptions;
import io.mintage.sim.ResetKind;

/**
 * The {@link ChipPort} every emulator gets. A pump thread drains the real line as bytes come and stamps
 * each chunk with its arrival time, so the wire model can tell when the chip may take a byte even if the
 * chip was busy meanwhile: byte i is available at max(arrival, previous byte's end) + time per byte.
 * Writes return at the end of their modelled transmission. Waiting happens on one condition that
 * resets and shutdown also signal, so a reset reaches a chip wherever it waits.
 *
 * <p>The chip runs on a modelled clock: the time at which a real chip, whose own processing takes no
 * time, would be where the emulator is now (the end of the last byte it took, of its last transmission,
 * of its last busy period). A transmission starts at that time (or when the previous one ends), not at
 * the moment the emulator thread woke up: a thread wakes late from every sleep, and starting the next
 * byte from the real clock would add that lateness to the wire once per sleep (about 100 µs every
 * three bytes of echo on a small machine, a third more than the line rate allows).
 */
public final class ModelledPort implements ChipPort {

	/** Waits shorter than this are not slept: the absolute clock catches up at the next longer wait. */
	private static final long MIN_SLEEP_NANOS = 200_000;
	private static final int TX_CHUNK = 32;

	private record Chunk(byte[] data, long arrival) {
	}

	private final SerialLine line;
	private final boolean wireTime;
	private final Consumer<String> trace;
	private final Consumer<String> leaving;
	private final ReentrantLock lock = new ReentrantLock();
	private final Condition changed = lock.newCondition();
	private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
	private final List<Fault> pendingFaults = new ArrayList<>();
	/** The wire as configured; a chip put in afresh starts at its rate, whatever its predecessor set. */
	private final SerialSettings initialWire;
	private volatile SerialSettings wire;
	private int chunkPosition;
	private long received;
	private long rxDone;
	private long txDone;
	/** Where the chip is on the modelled clock (System.nanoTime() scale); see the class comment. */
	private long clock;
	private final ArrayDeque<Long> refusals = new ArrayDeque<>();
	private boolean powered = true;
	private ChipInterrupt interrupt;
	private IOException closedCause;
	private boolean shutdown;
	private final Thread pump;

	/**
	 * @param leaving told (on the chip's thread) when the chip {@linkplain ChipPort#leaveBootloader
	 *                leaves its bootloader for good}
	 */
	public ModelledPort(SerialLine line, HostOptions options, Consumer<String> leaving) {
		this.line = line;
		this.initialWire = options.wire();
		this.wire = options.wire();
		this.wireTime = options.wireTime();
		this.trace = options.trace();
		this.leaving = leaving;
		planFaults(options.faults());
		this.pump = new Thread(this::pump, "line pump " + line.name());
		pump.setDaemon(true);
		pump.start();
	}

	/** Drains the line into the queue; runs until the line closes or the port shuts down. */
	private void pump() {
		byte[] buffer = new byte[4096];
		while (true) {
			int n;
			try {
				n = line.read(buffer, 0, buffer.length, Duration.ofMillis(100));
			} catch (IOException e) {
				lock.lock();
				try {
					closedCause = shutdown ? new IOException("the emulator was stopped") : e;
					changed.signalAll();
				} finally {
					lock.unlock();
				}
				return;
			}
			long now = System.nanoTime();
			lock.lock();
			try {
				if (shutdown) {
					closedCause = new IOException("the emulator was stopped");
					changed.signalAll();
					return;
				}
				if (n > 0 && powered) {
					queue.add(new Chunk(Arrays.copyOf(buffer, n), now));
					changed.signalAll();
				}
			} finally {
				lock.unlock();
			}
		}
	}

	@Override
	public SerialSettings wire() {
		return wire;
	}

	@Override
	public void setBaudRate(int baudRate) {
		wire = new SerialSettings(baudRate, wire.parity(), wire.stopBits());
	}

	@Override
	public int read() throws IOException {
		return next(-1);
	}

	@Override
	public int read(Duration timeout) throws IOException {
		return next(Math.max(0, timeout.toNanos()));
	}

	/** The next byte after faults and wire time; -1 on timeout (timeoutNanos < 0: wait for ever). */
	private int next(long timeoutNanos) throws IOException {
		long deadline = System.nanoTime() + timeoutNanos;
		while (true) {
			int value;
			long arrival;
			lock.lock();
			try {
				while (true) {
					checkInterrupt();
					if (!queue.isEmpty()) {
						break;
					}
					if (closedCause != null) {
						throw new IOException(line.name() + ": " + closedCause.getMessage(), closedCause);
					}
					if (timeoutNanos < 0) {
						changed.await();
					} else {
						long left = deadline - System.nanoTime();
						if (left <= 0) {
							return -1;
						}
						changed.awaitNanos(left);
					}
				}
				Chunk chunk = queue.peek();
				value = chunk.data()[chunkPosition++] & 0xFF;
				arrival = chunk.arrival();
				if (chunkPosition == chunk.data().length) {
					queue.poll();
					chunkPosition = 0;
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("the emulator thread was interrupted");
			} finally {
				lock.unlock();
			}
			long index = received++;
			if (wireTime) {
				rxDone = Math.max(arrival, rxDone) + wire.nanosPerByte();
				clock = Math.max(clock, rxDone);
				sleepUntil(clock);
			}
			boolean drop = false;
			for (Fault fault : faultsAt(index)) {
				trace("fault: " + fault);
				switch (fault.kind()) {
				case DROP -> drop = true;
				case CORRUPT -> value ^= 0x01;
				case STALL -> {
					clock = Math.max(clock, System.nanoTime()) + fault.duration().toNanos();
					sleepUntil(clock);
				}
				case POWERLOSS -> throw new ChipInterrupt(ResetKind.POWER_CYCLE, fault.duration(),
						"power lost at byte " + index);
				case PULL -> {
					// the fixture takes the chip out (on a fed line), then the interrupt ends its boot
					leaving.accept("taken out by the operator at byte " + index);
					throw new ChipInterrupt(ResetKind.POWER_CYCLE, fault.duration(), "taken out at byte " + index);
				}
				case NACK -> {
					// kept in refusals; refusalDue() reports it when the chip next answers
				}
				}
			}
			if (!drop) {
				return value;
			}
		}
	}

	private void planFaults(FaultPlan plan) {
		pendingFaults.clear();
		refusals.clear();
		pendingFaults.addAll(plan.faults());
		for (Fault fault : plan.faults()) {
			if (fault.kind() == FaultPlan.Kind.NACK) {
				refusals.add(fault.atByte());
			}
		}
	}

	private List<Fault> faultsAt(long index) {
		if (pendingFaults.isEmpty() || pendingFaults.get(0).atByte() > index) {
			return List.of();
		}
		List<Fault> due = new ArrayList<>();
		while (!pendingFaults.isEmpty() && pendingFaults.get(0).atByte() <= index) {
			due.add(pendingFaults.remove(0));
		}
		return due;
	}

	@Override
	public void write(byte[] bytes) throws IOException {
		for (int offset = 0; offset < bytes.length; offset += TX_CHUNK) {
			int length = Math.min(TX_CHUNK, bytes.length - offset);
			lock.lock();
			try {
				checkInterrupt();
				if (shutdown) {
					throw new IOException(line.name() + ": the emulator was stopped");
				}
			} finally {
				lock.unlock();
			}
			if (wireTime) {
				txDone = Math.max(clock, txDone) + length * wire.nanosPerByte();
				clock = txDone;
				sleepUntil(txDone);
			}
			line.write(bytes, offset, length);
		}
	}

	@Override
	public void discardInput() {
		lock.lock();
		try {
			queue.clear();
			chunkPosition = 0;
		} finally {
			lock.unlock();
		}
	}

	@Override
	public void busy(Duration duration) throws IOException {
		if (wireTime) {
			// the work starts where the chip is on the modelled clock, i.e. right after the command's last byte
			clock += duration.toNanos();
			sleepUntil(clock);
		} else {
			sleepUntil(System.nanoTime() + duration.toNanos());
		}
	}

	@Override
	public boolean refusalDue() {
		// faults are sorted by byte, so the refusals are too
		if (!refusals.isEmpty() && received > refusals.peek()) {
			trace("fault: nack@" + refusals.poll() + ": this answer is a refusal");
			return true;
		}
		return false;
	}

	@Override
	public long received() {
		return received;
	}

	@Override
	public void trace(String event) {
		trace.accept(event);
	}

	@Override
	public void leaveBootloader(String why) {
		leaving.accept(why);
	}

	/** Sleeps until the absolute time, unless a reset or shutdown comes first. */
	private void sleepUntil(long deadline) throws IOException {
		long left = deadline - System.nanoTime();
		if (left < MIN_SLEEP_NANOS) {
			lock.lock();
			try {
				checkInterrupt();
			} finally {
				lock.unlock();
			}
			return;
		}
		lock.lock();
		try {
			while (true) {
				checkInterrupt();
				if (shutdown) {
					throw new IOException(line.name() + ": the emulator was stopped");
				}
				left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				changed.awaitNanos(left);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("the emulator thread was interrupted");
		} finally {
			lock.unlock();
		}
	}

	/** Called with the lock held. */
	private void checkInterrupt() throws IOException {
		if (interrupt != null) {
			ChipInterrupt pending = interrupt;
			interrupt = null;
			throw pending;
		}
		if (shutdown) {
			throw new IOException(line.name() + ": the emulator was stopped");
		}
	}

	/** Makes the chip's current or next port call throw {@code interrupt} (a reset from outside). */
	public void interrupt(ChipInterrupt chipInterrupt) {
		lock.lock();
		try {
			interrupt = chipInterrupt;
			changed.signalAll();
		} finally {
			lock.unlock();
		}
	}

	/**
	 * Power off for {@code offTime}: what arrives meanwhile is lost, as a chip without power hears
	 * nothing. Then power comes back with an empty input.
	 */
	public void powerOff(Duration offTime) throws IOException {
		lock.lock();
		try {
			powered = false;
			queue.clear();
			chunkPosition = 0;
		} finally {
			lock.unlock();
		}
		try {
			sleepUntil(System.nanoTime() + offTime.toNanos());
		} finally {
			lock.lock();
			try {
				powered = true;
				queue.clear();
				chunkPosition = 0;
			} finally {
				lock.unlock();
			}
		}
	}

	/** After a reset from outside: a UART starting afresh has nothing half-received or half-sent. */
	public void restart() {
		lock.lock();
		try {
			queue.clear();
			chunkPosition = 0;
		} finally {
			lock.unlock();
		}
		rxDone = txDone = clock = 0;
	}

	/**
	 * A new chip is put on the line: nothing received or pending for the old one reaches it, the wire
	 * runs at its configured rate again, and {@code faults} count from the new chip's first byte.
	 */
	public void startChip(FaultPlan faults) {
		lock.lock();
		try {
			queue.clear();
			chunkPosition = 0;
			interrupt = null;
		} finally {
			lock.unlock();
		}
		wire = initialWire;
		received = 0;
		rxDone = txDone = clock = 0;
		planFaults(faults);
	}

	/** Whether the line closed (or the port shut down); then the chip cannot run any more. */
	public boolean isClosed() {
		lock.lock();
		try {
			return closedCause != null || shutdown;
		} finally {
			lock.unlock();
		}
	}

	/** Stops the pump and wakes the chip, whose next call then fails with "the emulator was stopped". */
	public void shutdown() {
		lock.lock();
		try {
			shutdown = true;
			changed.signalAll();
		} finally {
			lock.unlock();
		}
		try {
			pump.join(TimeUnit.SECONDS.toMillis(2));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
