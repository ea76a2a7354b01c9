package io.mintage.station.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.DeviceUid;

/**
 * How one device ended on one site.
 *
 * @param rework    the UID had its record already: the same record was written again, no quota used
 * @param failedAt  the step that failed; empty for a pass
 * @param message   plain words: "serial 1000042 written and verified", or why it failed
 * @param took      from the first exchange with the device to the end
 * @param overhead  the part of {@code took} spent outside device I/O (signing, ledger, planning)
 */
public record DeviceOutcome(int site, Instant at, Optional<DeviceUid> uid, OptionalLong serial, boolean pass,
		boolean rework, Optional<Step> failedAt, String message, Duration took, Duration overhead) {

	public DeviceOutcome {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(failedAt, "failedAt");
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(took, "took");
		Objects.requireNonNull(overhead, "overhead");
		if (pass == failedAt.isPresent()) {
			throw new IllegalArgumentException("a pass has no failed step and a failure has one");
		}
	}
}
