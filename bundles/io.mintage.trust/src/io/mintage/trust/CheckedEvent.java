package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * An event as the streaming reader hands it out: its chain hash recomputed and equal to the one the
 * report states, and for a {@code device-authorized} event the outcome of its record's checks — the
 * record decoded when it passed them all, the failure otherwise. Other events carry neither.
 */
public record CheckedEvent(ReportEvent event, byte[] chainHash, Optional<DeviceRecord> verifiedRecord,
		Optional<RecordFailure> recordFailure) {

	public CheckedEvent {
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(verifiedRecord, "verifiedRecord");
		Objects.requireNonNull(recordFailure, "recordFailure");
		if (verifiedRecord.isPresent() && recordFailure.isPresent()) {
			throw new IllegalArgumentException("a record either passed or failed, not both");
		}
		chainHash = chainHash.clone();
	}

	@Override
	public byte[] chainHash() {
		return chainHash.clone();
	}

	/** Whether this event's record was checked: a {@code device-authorized} event. */
	public boolean recordChecked() {
		return verifiedRecord.isPresent() || recordFailure.isPresent();
	}
}
