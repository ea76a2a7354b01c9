package io.mintage.trust;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a production report to its end, handed to {@link ReportImport#commit}: only
 * made when the signature held over the whole content, every chain hash recomputed and the sequence
 * numbers were consecutive. Record failures do not stop a report (it is authentic; the records it
 * carries are what is wrong): they are counted here, each was handed out with its event, and the first
 * {@link ProductionReportReader#FAILURES_KEPT} are kept here.
 */
public record ReportVerdict(ReportHeader header, long events, byte[] lastChainHash, long recordsVerified,
		long recordsRefused, List<RecordFailure> firstFailures) {

	public ReportVerdict {
		Objects.requireNonNull(header, "header");
		lastChainHash = lastChainHash.clone();
		firstFailures = List.copyOf(firstFailures);
	}

	@Override
	public byte[] lastChainHash() {
		return lastChainHash.clone();
	}

	/** Whether every device record the report carries passed its checks. */
	public boolean allRecordsVerified() {
		return recordsRefused == 0;
	}
}
