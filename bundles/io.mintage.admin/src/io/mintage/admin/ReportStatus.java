package io.mintage.admin;

/** What an imported report amounts to. */
public enum ReportStatus {
	/** Every check passed (or only informs): its devices are counted. */
	ACCEPTED,
	/** Counted, but a check asks for a look: failures after authorization, events after a revocation... */
	FLAGGED,
	/** A check failed: the report is recorded so the administrator sees why, and counts nothing. */
	REJECTED
}
