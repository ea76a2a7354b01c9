package io.mintage.probe.stm32uart.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports on which this process knows the chip, if there is one, is at a command boundary. A chip is
 * left in the middle of a frame only by a host that stopped sending: an earlier process (killed, the PC
 * lost power) or a session of this one that failed mid-exchange. Finishing such a frame costs a burst of
 * 0x7F and one answer time on an empty fixture, so it is tried only where the port's state is not known:
 * the first connect after a start and the first after a failure; an empty fixture polled between two
 * chips is not slowed down.
 */
final class FrameBoundaries {

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	/** What is known about one port, for one connection on it. */
	Port forPort(String port) {
		return new Port(port);
	}

	final class Port {

		private final String name;

		private Port(String name) {
			this.name = name;
		}

		/** True until the port was found at a boundary, and again after a session on it failed. */
		boolean mayBeMidFrame() {
			return !known.contains(name);
		}

		/** The chip answered a sync, or a finished frame met silence: nothing waits in a frame. */
		void atBoundary() {
			known.add(name);
		}

		/** A session failed mid-exchange: the chip may wait for the rest of a frame. */
		void unknown() {
			known.remove(name);
		}
	}
}
