package io.mintage.ledger;

import java.util.UUID;

/**
 * Every serial of the job's range has been handed out: no further device of the job can be authorized
 * (rework of a device authorized before still can). Nothing was written.
 */
public final class QuotaExhaustedException extends LedgerException {

	private static final long serialVersionUID = 1L;

	private final UUID jobId;
	private final long count;

	public QuotaExhaustedException(UUID jobId, long count) {
		super("the quota of job " + jobId + " is used up: all " + count + " serials are signed");
		this.jobId = jobId;
		this.count = count;
	}

	public UUID jobId() {
		return jobId;
	}

	/** How many serials the job's range holds, all of them used. */
	public long count() {
		return count;
	}
}
