package io.mintage.ledger.tests;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves on by a fixed step each time it is read, so event times are known in advance. */
final class SteppingClock extends Clock {

	private final AtomicLong millis;
	private final long stepMillis;

	SteppingClock(Instant start, long stepMillis) {
		this.millis = new AtomicLong(start.toEpochMilli());
		this.stepMillis = stepMillis;
	}

	/** The instant the next read returns. */
	Instant next() {
		return Instant.ofEpochMilli(millis.get());
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis.getAndAdd(stepMillis));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the ledger reads instants only");
	}
}
