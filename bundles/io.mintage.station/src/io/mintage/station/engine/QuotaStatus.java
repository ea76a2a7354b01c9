package io.mintage.station.engine;

/** The job's quota as the ledger counts it: serials in the range and serials signed. */
public record QuotaStatus(long count, long used) {

	public QuotaStatus {
		if (count < 0 || used < 0 || used > count) {
			throw new IllegalArgumentException("a quota of " + count + " cannot have " + used + " used");
		}
	}

	public long left() {
		return count - used;
	}
}
