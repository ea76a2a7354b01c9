package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * An event as the streaming reader hands it out: its chain hash recomputed and equal to the one the
 * report states, for a {@code device-authorized} event the outcome of its record's checks — the record
 * decoded when it passed them all, the failure otherwise — and for a {@code checkpoint} event why its
 * signature does not hold, if it does not. Other events carry none of these.
 *
 * @param checkpointFailure for a checkpoint whose signature by the station key over the chain hash before
 *                          it does not verify (or that names another event, or holds no signature): why,
 *                          in plain words naming the checkpoint
 */
public record CheckedEvent(ReportEvent event, byte[] chainHash, Optional<DeviceRecord> verifiedRecord,
		Optional<RecordFailure> recordFailure, Optional<String> checkpointFailure) {

	public CheckedEvent {
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(verifiedRecord, "verifiedRecord");
		Objects.requireNonNull(recordFailure, "recordFailure");
		Objects.requireNonNull(checkpointFailure, "checkpointFailure");
		if (verifiedRecord.isPresent() && recordFailure.isPresent()) {
			throw new IllegalArgumentException("a record either passed or failed, not both");
		}
		chainHash = chainHash.clone();
	}

	/** An event whose record, if any, was checked; not a failed checkpoint. */
	public CheckedEvent(ReportEvent event, byte[] chainHash, Optional<DeviceRecord> verifiedRecord,
			Optional<RecordFailure> recordFailure) {
		this(event, chainHash, verifiedRecord, recordFailure, Optional.empty());
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
