package io.mintage.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.mintage.serial.SerialPorts;

/**
 * A production line's fixture without the operator: blank chips on one line, one after another. The
 * first chip waits in its bootloader; once it leaves the bootloader for good (STM32 Go or LPC G
 * accepted, or the reset after STM32 Readout Protect, whose bootloader then refuses Go) it is taken
 * out, the line is silent for the {@linkplain FeedPlan#swapDelay() swap delay} as when nobody is
 * there, and the next blank chip, with the next UID, answers in its bootloader. After the
 * {@linkplain FeedPlan#count() count} the fixture stays empty and the line silent. One
 * {@link EmulatorHost} serves them all, so the client's line (in memory or the pty it opened) stays
 * the same throughout. Every chip fed is kept for inspection ({@link #fed()}).
 *
 * <pre>
 * try (ChipFeeder feeder = ChipFeeder.onPty(stm32, FeedPlan.of("stm32f1").withCount(10),
 *         Path.of("/tmp/site1"), serialPorts, HostOptions.of(SerialSettings.evenParity(115200)), events)) {
 *     // a station programs /tmp/site1 ten times; then feeder.fed() holds the ten chips
 * }
 * </pre>
 */
public final class ChipFeeder implements AutoCloseable {

	/** What a feeder reports as chips come and go; called on the emulator's thread, so keep it short. */
	public interface Events {

		/** Reports nothing. */
		Events NONE = new Events() {
		};

		/** Chip {@code number} (1 for the first) is on the line, waiting in its bootloader. */
		default void fed(int number, EmulatedChip chip) {
		}

		/** Chip {@code number} left its bootloader for good ({@code why}); it is taken out next. */
		default void done(int number, EmulatedChip chip, String why) {
		}
	}

	/** Starts the host on some line with the first chip. */
	@FunctionalInterface
	private interface HostStarter {
		EmulatorHost start(EmulatedChip first, Fixture fixture, HostOptions options) throws IOException;
	}

	private final EmulatorFactory factory;
	private final FeedPlan plan;
	private final FaultPlan everyChip;
	private final Events events;
	private final Object lock = new Object();
	/** Guarded by lock. */
	private final List<EmulatedChip> fed = new ArrayList<>();
	/** Guarded by lock. */
	private int done;
	/** The UID of the last chip made; only the host's thread makes chips after the first. */
	private byte[] lastUid;
	private final EmulatorHost host;

	private ChipFeeder(EmulatorFactory factory, FeedPlan plan, HostOptions options, Events events,
			HostStarter starter) throws IOException {
		this.factory = factory;
		this.plan = plan;
		this.everyChip = options.faults();
		this.events = events;
		EmulatedChip first = factory.create(plan.family(), plan.variant(), plan.firstUid(), plan.flashTimeScale());
		lastUid = first.uid();
		synchronized (lock) {
			// held until chip 1 is reported, so its "done" (on the host's thread) cannot come first
			host = starter.start(first, new Socket(), options.withFaults(plan.faultsOf(1, everyChip)));
			record(first);
		}
	}

	/**
	 * Chips on an in-memory line; {@code host().clientLine()} is the client's end.
	 *
	 * @throws IllegalArgumentException in plain words for an unknown family or variant or a UID of
	 *                                  the wrong size (from the factory)
	 */
	public static ChipFeeder inMemory(EmulatorFactory factory, FeedPlan plan, HostOptions options, Events events) {
		try {
			return new ChipFeeder(factory, plan, options, events,
					(first, fixture, hostOptions) -> EmulatorHost.inMemory(first, fixture, hostOptions));
		} catch (IOException e) {
			// an in-memory line opens nothing that could fail
			throw new IllegalStateException("an in-memory line failed to start: " + e.getMessage(), e);
		}
	}

	/**
	 * Chips behind a pty whose other end socat links to {@code clientLink} (which must not exist), as
	 * {@link EmulatorHost#onPty} does; the link stays the same across chips.
	 *
	 * @throws IOException              in plain words when socat is missing or the link path is taken
	 * @throws IllegalArgumentException as for {@link #inMemory}
	 */
	public static ChipFeeder onPty(EmulatorFactory factory, FeedPlan plan, Path clientLink, SerialPorts ports,
			HostOptions options, Events events) throws IOException {
		return new ChipFeeder(factory, plan, options, events,
				(first, fixture, hostOptions) -> EmulatorHost.onPty(first, fixture, clientLink, ports, hostOptions));
	}

	/**
	 * The UID after {@code uid}: its bytes read as one big-endian number, plus one (all ones wrap to
	 * all zeros, which no line of 2^96 chips reaches).
	 */
	public static byte[] uidAfter(byte[] uid) {
		byte[] next = uid.clone();
		for (int i = next.length - 1; i >= 0; i--) {
			if (++next[i] != 0) {
				break;
			}
		}
		return next;
	}

	/** The host of the line: {@code clientLine()}, {@code clientPath()}, {@code reset(...)}, {@code failure()}. */
	public EmulatorHost host() {
		return host;
	}

	/** Every chip put on the line so far, the first first; the last may still be on it. */
	public List<EmulatedChip> fed() {
		synchronized (lock) {
			return List.copyOf(fed);
		}
	}

	/** How many chips have left their bootloader so far. */
	public int doneCount() {
		synchronized (lock) {
			return done;
		}
	}

	/** Waits until {@code chips} chips have been put on the line; false if that did not happen within the timeout. */
	public boolean awaitFed(int chips, Duration timeout) throws InterruptedException {
		return await(() -> fed.size() >= chips, timeout);
	}

	/** Waits until {@code chips} chips have left their bootloader; false if that did not happen within the timeout. */
	public boolean awaitDone(int chips, Duration timeout) throws InterruptedException {
		return await(() -> done >= chips, timeout);
	}

	private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lock) {
			while (!condition.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				lock.wait(Math.max(1, left / 1_000_000));
			}
			return true;
		}
	}

	/** Called with the lock held. */
	private void record(EmulatedChip chip) {
		fed.add(chip);
		lock.notifyAll();
		events.fed(fed.size(), chip);
	}

	/** Stops the line: the chip on it stops, and on a pty socat stops and the link goes away. */
	@Override
	public void close() {
		host.close();
	}

	@Override
	public String toString() {
		synchronized (lock) {
			return "feeder of " + plan.family() + plan.variant().map(v -> ":" + v).orElse("") + " chips, " + fed.size()
					+ " fed, " + done + " done, at " + host;
		}
	}

	/** The host's side of the fixture; every call comes on the host's thread. */
	private final class Socket implements Fixture {

		@Override
		public void left(EmulatedChip chip, String why) {
			synchronized (lock) {
				done = fed.size();
				lock.notifyAll();
				events.done(done, chip, why);
			}
		}

		@Override
		public Duration swapDelay() {
			return plan.swapDelay();
		}

		@Override
		public Duration takeOutAfter() {
			return plan.takeOutAfter();
		}

		@Override
		public Optional<Loaded> next() {
			int number;
			synchronized (lock) {
				number = fed.size() + 1;
			}
			if (plan.count().isPresent() && number > plan.count().getAsInt()) {
				return Optional.empty();
			}
			lastUid = uidAfter(lastUid);
			EmulatedChip chip = factory.create(plan.family(), plan.variant(), Optional.of(lastUid),
					plan.flashTimeScale());
			return Optional.of(new Loaded(chip, plan.faultsOf(number, everyChip)));
		}

		@Override
		public void putIn(EmulatedChip chip) {
			synchronized (lock) {
				record(chip);
			}
		}
	}
}
