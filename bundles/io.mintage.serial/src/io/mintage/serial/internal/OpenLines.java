package io.mintage.serial.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The jSerialComm lines open now, so that a JVM shutdown leaves them to their owners. jSerialComm
 * closes every open port from its own shutdown hook, which runs at the same time as everyone else's:
 * a station stopped with SIGTERM, whose hook lets the device in work finish, found its line closed
 * under it ("the line is gone (system error 9)") and the device failed half done. jSerialComm runs the
 * hooks given to {@link SerialPort#addShutdownHook} before it closes its ports; the one registered
 * here waits until every line that was open when the shutdown began has been closed by its owner, up
 * to {@link #SHUTDOWN_GRACE}. Lines opened during the shutdown are not waited for.
 */
final class OpenLines {

	/** As long as a station's stop waits for the devices in work (a large image at a low rate). */
	static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(120);

	private static final Set<JSerialCommLine> OPEN = new LinkedHashSet<>();
	private static final AtomicBoolean HOOKED = new AtomicBoolean();

	private OpenLines() {
	}

	/** Called with the native library loaded, so that jSerialComm's class can be initialized. */
	static void opened(JSerialCommLine line) {
		if (HOOKED.compareAndSet(false, true)) {
			SerialPort.addShutdownHook(new Thread(() -> awaitClosed(SHUTDOWN_GRACE),
					"mintage: serial lines left to their owners at shutdown"));
		}
		synchronized (OPEN) {
			OPEN.add(line);
		}
	}

	static void closed(JSerialCommLine line) {
		synchronized (OPEN) {
			OPEN.remove(line);
			OPEN.notifyAll();
		}
	}

	/**
	 * Waits until every line open now has been closed, or {@code limit} has passed.
	 *
	 * @return the names of the lines still open then, for whoever wants to say so
	 */
	static List<String> awaitClosed(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		synchronized (OPEN) {
			List<JSerialCommLine> waitedFor = new ArrayList<>(OPEN);
			while (true) {
				waitedFor.retainAll(OPEN);
				long left = deadline - System.nanoTime();
				if (waitedFor.isEmpty() || left <= 0) {
					return waitedFor.stream().map(JSerialCommLine::name).toList();
				}
				try {
					OPEN.wait(Math.max(1, left / 1_000_000));
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return waitedFor.stream().map(JSerialCommLine::name).toList();
				}
			}
		}
	}
}
