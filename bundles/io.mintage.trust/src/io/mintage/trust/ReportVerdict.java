package io.mintage.trust;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a production report to its end, handed to {@link ReportImport#commit}: only
 * made when the signature held over the whole content, every chain hash recomputed and the sequence
 * numbers were consecutive. Record failures do not stop a report (it is authentic; the records it
 * carries are what is wrong): they are counted here, each was handed out with its event, and the first
 * {@link ProductionReportReader#FAILURES_KEPT} are kept here. Checkpoints whose signature does not hold
 * do not stop it either (the station signed the report over history that someone rewrote underneath
 * its checkpoints): they are counted here and each was handed out with its event.
 */
public record ReportVerdict(ReportHeader header, long events, byte[] lastChainHash, long recordsVerified,
		long recordsRefused, List<RecordFailure> firstFailures, long checkpointsVerified, long checkpointsRefused) {

	public ReportVerdict {
		Objects.requireNonNull(header, "header");
		lastChainHash = lastChainHash.clone();
		firstFailures = List.copyOf(firstFailures);
	}

	/** A verdict on a report without checkpoints. */
	public ReportVerdict(ReportHeader header, long events, byte[] lastChainHash, long recordsVerified,
			long recordsRefused, List<RecordFailure> firstFailures) {
		this(header, events, lastChainHash, recordsVerified, recordsRefused, firstFailures, 0, 0);
	}

	@Override
	public byte[] lastChainHash() {
		return lastChainHash.clone();
	}

	/** Whether every device record the report carries passed its checks. */
	public boolean allRecordsVerified() {
		return recordsRefused == 0;
	}

	/** Whether every checkpoint the report carries is the station's signature over the chain before it. */
	public boolean allCheckpointsVerified() {
		return checkpointsRefused == 0;
	}
}
