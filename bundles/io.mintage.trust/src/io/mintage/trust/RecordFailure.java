package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.DeviceUid;

/**
 * A device record of a production report that did not pass: which event (its sequence number, the UID
 * and serial it names), the first check it failed and why, in plain words.
 */
public record RecordFailure(long sequence, Optional<DeviceUid> uid, OptionalLong serial, ReportRecordCheck check,
		String reason) {

	public RecordFailure {
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(check, "check");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public String toString() {
		return "event " + sequence + uid.map(value -> ", UID " + value).orElse("")
				+ (serial.isPresent() ? ", serial " + serial.getAsLong() : "") + ": " + check + ": " + reason;
	}
}
