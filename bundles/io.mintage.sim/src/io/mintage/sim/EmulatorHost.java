package io.mintage.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.mintage.serial.LinePair;
import io.mintage.serial.PtyPair;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.sim.internal.ModelledPort;

/**
 * Runs one {@link EmulatedChip} in this process on a thread of its own, on the device end of a line:
 * an in-memory {@link LinePair} ({@link #inMemory}) or a socat pty pair ({@link #onPty}) whose other
 * link a real client opens like a USB-UART adapter. The chip serves until the host is closed; resets
 * and power cycles come from {@link #reset(ResetKind, Duration)}, from the chip itself or from the fault
 * plan. A host made by a {@link ChipFeeder} serves one chip after another on the same line: when its
 * chip {@linkplain ChipPort#leaveBootloader leaves its bootloader for good} it is taken out, the line
 * is silent for a while, and the next chip answers; the client's line stays open throughout.
 */
public final class EmulatorHost implements AutoCloseable {

	/** How long one wait of an empty fixture lasts; it waits again until the host is closed. */
	private static final Duration EMPTY_WAIT = Duration.ofHours(1);

	/** The chip on the line; a fed host changes it, on its own thread only. */
	private volatile EmulatedChip chip;
	/** Where the next chip comes from, or null for a host of one chip. */
	private final Fixture fixture;
	/** Why the chip on the line left its bootloader, once it has; host thread only. */
	private String leaving;
	private final SerialLine deviceEnd;
	private final SerialLine clientLine;
	private final PtyPair ptys;
	private final Path privateFolder;
	private final ModelledPort port;
	private final HostOptions options;
	private final Thread thread;
	private volatile Throwable failure;
	private volatile boolean closing;
	private final Object resets = new Object();
	/** Resets from outside asked for and done; only those end a wait in {@link #reset}. */
	private long outsideAsked;
	private long outsideDone;
	/** The interrupt of the last reset from outside, to tell it from the chip's own resets and faults. */
	private volatile ChipInterrupt outsideInterrupt;

	private EmulatorHost(EmulatedChip chip, Fixture fixture, SerialLine deviceEnd, SerialLine clientLine,
			PtyPair ptys, Path privateFolder, HostOptions options) {
		this.chip = chip;
		this.fixture = fixture;
		this.deviceEnd = deviceEnd;
		this.clientLine = clientLine;
		this.ptys = ptys;
		this.privateFolder = privateFolder;
		this.options = options;
		this.port = new ModelledPort(deviceEnd, options, this::chipLeaves);
		this.thread = new Thread(this::run, "emulated " + chip.description());
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Serves the chip on the device end of any line (a pty opened elsewhere, a real UART to test a
	 * probe against). The caller keeps the other end; closing the host closes {@code deviceEnd}.
	 */
	public static EmulatorHost serve(EmulatedChip chip, SerialLine deviceEnd, HostOptions options) {
		return new EmulatorHost(chip, null, deviceEnd, null, null, null, options);
	}

	/** The chip on an in-memory line pair: fast, no processes; {@link #clientLine()} is the host's end. */
	public static EmulatorHost inMemory(EmulatedChip chip, HostOptions options) {
		return inMemory(chip, null, options);
	}

	/** As {@link #inMemory(EmulatedChip, HostOptions)}, taking the next chips from {@code fixture}. */
	static EmulatorHost inMemory(EmulatedChip chip, Fixture fixture, HostOptions options) {
		LinePair pair = LinePair.create(chip.description(), options.wire());
		return new EmulatorHost(chip, fixture, pair.device(), pair.host(), null, null, options);
	}

	/**
	 * The chip behind a pty: socat links {@code clientLink} (which must not exist) to a pty the chip
	 * listens on through {@code ports}; a client opens {@code clientLink} as it would open
	 * /dev/ttyUSB0. The chip's own link lives in a private folder and goes away on close.
	 *
	 * @throws IOException in plain words when socat is missing or the link path is taken
	 */
	public static EmulatorHost onPty(EmulatedChip chip, Path clientLink, SerialPorts ports, HostOptions options)
			throws IOException {
		return onPty(chip, null, clientLink, ports, options);
	}

	/** As {@link #onPty(EmulatedChip, Path, SerialPorts, HostOptions)}, taking the next chips from {@code fixture}. */
	static EmulatorHost onPty(EmulatedChip chip, Fixture fixture, Path clientLink, SerialPorts ports,
			HostOptions options) throws IOException {
		Path absolute = clientLink.toAbsolutePath();
		if (!Files.isDirectory(absolute.getParent())) {
			throw new IOException("the folder of " + clientLink + " does not exist");
		}
		Path folder = Files.createTempDirectory("mintage-sim-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		PtyPair pair = null;
		try {
			pair = PtyPair.create(folder.resolve("chip"), absolute);
			SerialLine device = ports.open(pair.first().toString(), options.wire());
			return new EmulatorHost(chip, fixture, device, null, pair, folder, options);
		} catch (IOException | RuntimeException e) {
			if (pair != null) {
				pair.close();
			}
			Files.deleteIfExists(folder);
			throw e;
		}
	}

	private void run() {
		ResetKind kind = ResetKind.POWER_ON;
		boolean outside = false;
		try {
			while (true) {
				chip.reset(kind);
				if (kind == ResetKind.RESET_PIN || kind == ResetKind.POWER_CYCLE) {
					// what was sent before a reset from outside is stale; after the chip's own reset
					// the host's next sync may already be on its way and must not be lost
					port.restart();
				}
				synchronized (resets) {
					if (outside) {
						// never past what was asked: a swap may have counted this reset done already
						outsideDone = Math.min(outsideAsked, outsideDone + 1);
					}
					resets.notifyAll();
				}
				outside = false;
				try {
					chip.boot(port);
					kind = ResetKind.SOFTWARE;
					options.trace().accept("reset: the chip reset itself");
				} catch (ChipInterrupt interrupt) {
					if (leaving != null) {
						// the chip left its bootloader: whatever ended its boot, it is taken out now; a chip
						// pulled out (fault pull@k:ms) leaves the fixture empty for ms instead of the swap delay
						boolean fault = interrupt != outsideInterrupt && !interrupt.offTime().isZero();
						swap(fault ? interrupt.offTime() : fixture.swapDelay());
						kind = ResetKind.POWER_ON;
						continue;
					}
					kind = interrupt.kind();
					outside = interrupt == outsideInterrupt;
					options.trace().accept("reset: " + interrupt.getMessage());
					if (!interrupt.offTime().isZero()) {
						try {
							port.powerOff(interrupt.offTime());
						} catch (ChipInterrupt again) {
							// reset while without power: it comes back now
							kind = again.kind();
							outside |= again == outsideInterrupt;
						}
					}
				}
			}
		} catch (IOException e) {
			if (!closing) {
				failure = e;
			}
		} catch (RuntimeException | Error e) {
			// an emulator bug: keep it for failure() instead of losing it with the thread
			failure = e;
		} finally {
			synchronized (resets) {
				outsideDone = Long.MAX_VALUE;
				resets.notifyAll();
			}
		}
	}

	/** Called by the port, on this host's thread, when the chip leaves its bootloader for good. */
	private void chipLeaves(String why) {
		options.trace().accept("left the bootloader for good: " + why);
		if (fixture == null || leaving != null) {
			return;
		}
		leaving = why;
		fixture.left(chip, why);
		// the operator takes the chip out a moment later, not at once: a chip that reset itself into its
		// bootloader (after Readout Protect) answers the station meanwhile, as a real one does. Then the
		// chip's next port call throws (a chip that resets itself first meets it in its next boot).
		EmulatedChip leavingChip = chip;
		Duration wait = fixture.takeOutAfter();
		Thread takeOut = new Thread(() -> {
			try {
				Thread.sleep(wait.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!closing && chip == leavingChip) {
				port.interrupt(new ChipInterrupt(ResetKind.POWER_CYCLE, Duration.ZERO, "taken out of the fixture"));
			}
		}, "taking out " + chip.description());
		takeOut.setDaemon(true);
		takeOut.start();
	}

	/**
	 * Takes the chip out, keeps the line silent for {@code empty} and puts the next chip in; with no
	 * next chip the line stays silent until the host is closed (this then ends with an IOException).
	 */
	private void swap(Duration empty) throws IOException {
		options.trace().accept("fixture: " + chip.description() + " taken out; the line is silent for "
				+ empty.toMillis() + " ms");
		absent(empty);
		Optional<Fixture.Loaded> next = fixture.next();
		if (next.isEmpty()) {
			options.trace().accept("fixture: no more chips; the line stays silent");
			resetsFromOutsideDone();
			while (true) {
				absent(EMPTY_WAIT);
			}
		}
		port.startChip(next.get().faults());
		chip = next.get().chip();
		leaving = null;
		// a reset asked for while the fixture was empty is done: the new chip starts from its boot ROM
		resetsFromOutsideDone();
		options.trace().accept("fixture: " + chip.description() + " put in");
		fixture.putIn(chip);
	}

	/** Nothing on the line for {@code duration}: what comes is lost, a reset from outside finds no chip. */
	private void absent(Duration duration) throws IOException {
		long end = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
			try {
				port.powerOff(Duration.ofNanos(left));
				return;
			} catch (ChipInterrupt reset) {
				resetsFromOutsideDone();
			}
		}
	}

	private void resetsFromOutsideDone() {
		synchronized (resets) {
			outsideDone = Math.max(outsideDone, outsideAsked);
			resets.notifyAll();
		}
	}

	/** What is emulated: the chip on the line (on a fed line, the one put in last). */
	public EmulatedChip chip() {
		return chip;
	}

	/** The host end of an in-memory pair. */
	public SerialLine clientLine() {
		if (clientLine == null) {
			throw new IllegalStateException("the emulator of " + chip.description()
					+ " is not on an in-memory line; open " + clientPath() + " instead");
		}
		return clientLine;
	}

	/** The link a client opens, for a chip on a pty. */
	public Path clientPath() {
		if (ptys == null) {
			throw new IllegalStateException("the emulator of " + chip.description() + " is not on a pty");
		}
		return ptys.second();
	}

	/**
	 * Resets the chip from outside, as the reset pin or a power switch would: whatever it does stops,
	 * and it boots again. {@code POWER_CYCLE} keeps it off for {@code offTime}. Returns once the chip
	 * is back in its boot ROM (at most 5 s plus the off time), so what is sent next reaches the new boot.
	 */
	public void reset(ResetKind kind, Duration offTime) throws InterruptedException {
		if (kind != ResetKind.RESET_PIN && kind != ResetKind.POWER_CYCLE) {
			throw new IllegalArgumentException("a reset from outside is RESET_PIN or POWER_CYCLE, not " + kind);
		}
		long target;
		Duration off = kind == ResetKind.POWER_CYCLE ? offTime : Duration.ZERO;
		ChipInterrupt interrupt = new ChipInterrupt(kind, off, "reset from outside (" + kind + ")");
		synchronized (resets) {
			// counted apart from the chip's own resets: one of those finishing just now must not end the
			// wait before this reset has cleared the line, or what the caller sends next would be dropped
			target = ++outsideAsked;
			outsideInterrupt = interrupt;
		}
		port.interrupt(interrupt);
		long deadline = System.currentTimeMillis() + 5_000 + off.toMillis();
		synchronized (resets) {
			while (outsideDone < target && System.currentTimeMillis() < deadline) {
				resets.wait(Math.max(1, deadline - System.currentTimeMillis()));
			}
		}
	}

	/** Whether the chip still serves (the line is open and the emulator did not fail). */
	public boolean isRunning() {
		return thread.isAlive();
	}

	/** Why the chip stopped serving before the host was closed: the line went away, or an emulator bug. */
	public Optional<Throwable> failure() {
		return Optional.ofNullable(failure);
	}

	/** Waits until the chip stops serving (the line closed or an emulator failure), at most {@code timeout}. */
	public boolean awaitStop(Duration timeout) throws InterruptedException {
		thread.join(Math.max(1, timeout.toMillis()));
		return !thread.isAlive();
	}

	/** Stops the chip, closes the line and, on a pty, stops socat and removes the links. */
	@Override
	public void close() {
		closing = true;
		port.shutdown();
		try {
			thread.join(TimeUnit.SECONDS.toMillis(5));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			deviceEnd.close();
		} catch (IOException e) {
			// closing anyway; nothing to do with a line that will not close
		}
		if (clientLine != null) {
			try {
				clientLine.close();
			} catch (IOException e) {
				// as above
			}
		}
		if (ptys != null) {
			ptys.close();
		}
		if (privateFolder != null) {
			try {
				Files.deleteIfExists(privateFolder);
			} catch (IOException e) {
				// an empty private temporary folder left behind is harmless
			}
		}
	}

	@Override
	public String toString() {
		return chip.description() + (ptys != null ? " on " + ptys.second() : " in memory");
	}
}
